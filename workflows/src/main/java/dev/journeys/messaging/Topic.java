package dev.journeys.messaging;

/**
 * What a message is about; consent is given per channel and topic. Transactional messages need
 * no marketing consent but never override a hard opt-out.
 */
public enum Topic {
  MARKETING,
  TRANSACTIONAL
}
