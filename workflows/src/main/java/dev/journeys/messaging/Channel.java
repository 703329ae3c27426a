package dev.journeys.messaging;

/** A way to reach a customer. */
public enum Channel {
  EMAIL,
  SMS
}
