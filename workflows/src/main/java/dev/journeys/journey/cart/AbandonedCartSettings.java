package dev.journeys.journey.cart;

import java.time.Duration;

/**
 * The waits of the abandoned-cart journey. The worker reads them from configuration ({@code
 * journeys.abandoned-cart.*}), so an end-to-end test can shorten them without a code change.
 *
 * @param reminderDelay from the abandoned cart to the reminder email
 * @param lastCallDelay from the reminder to the last call
 */
public record AbandonedCartSettings(Duration reminderDelay, Duration lastCallDelay) {

  public static final AbandonedCartSettings DEFAULTS =
      new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23));

  public AbandonedCartSettings {
    if (reminderDelay == null || reminderDelay.isNegative() || reminderDelay.isZero()) {
      throw new IllegalArgumentException("reminderDelay must be positive, was " + reminderDelay);
    }
    if (lastCallDelay == null || lastCallDelay.isNegative() || lastCallDelay.isZero()) {
      throw new IllegalArgumentException("lastCallDelay must be positive, was " + lastCallDelay);
    }
  }
}
