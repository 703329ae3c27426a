package dev.journeys.messaging;

/**
 * What a message is about; consent is given per channel and topic. Transactional messages need no
 * marketing consent but never override a hard opt-out.
 */
public enum Topic {
  MARKETING,
  TRANSACTIONAL,
  /** Asking for a review after a purchase; promotional, so marketing consent covers it. */
  REVIEWS,
  /** An item the customer wanted is available again; promotional. */
  BACK_IN_STOCK;

  /**
   * Promotional topics need consent (their own, or MARKETING) and count against frequency caps;
   * only TRANSACTIONAL does not.
   */
  public boolean isPromotional() {
    return this != TRANSACTIONAL;
  }
}
