package dev.journeys.messaging;

/** A way to reach a customer. */
public enum Channel {
  EMAIL,
  SMS,
  WHATSAPP,
  MESSENGER,
  INSTAGRAM,
  PUSH,
  /** A signed POST to the shop's own endpoint (in-app inbox, custom integrations). */
  WEBHOOK
}
