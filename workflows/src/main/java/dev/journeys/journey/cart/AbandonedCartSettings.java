package dev.journeys.journey.cart;

import dev.journeys.journey.Experiment;
import java.time.Duration;

/**
 * The waits and the experiment of the abandoned-cart journey. The worker reads them from
 * configuration ({@code journeys.abandoned-cart.*}), so an end-to-end test can shorten them, and
 * ops can re-weight the experiment, without a code change.
 *
 * @param reminderDelay from the abandoned cart to the reminder email
 * @param lastCallDelay from the reminder to the last call
 * @param smsLastCallWeight relative weight of the arm whose last call is an SMS (email fallback)
 * @param emailLastCallWeight relative weight of the arm whose last call is an email
 * @param holdoutPercent share of customers (0-100) who get no message, to measure the uplift
 * @param attributionWindow how long after the last call an order still converts the journey (and
 *     counts for its arm): the journey listens that long before it completes
 */
public record AbandonedCartSettings(
    Duration reminderDelay,
    Duration lastCallDelay,
    int smsLastCallWeight,
    int emailLastCallWeight,
    int holdoutPercent,
    Duration attributionWindow) {

  public static final AbandonedCartSettings DEFAULTS =
      new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23));

  public AbandonedCartSettings {
    if (reminderDelay == null || reminderDelay.isNegative() || reminderDelay.isZero()) {
      throw new IllegalArgumentException("reminderDelay must be positive, was " + reminderDelay);
    }
    if (lastCallDelay == null || lastCallDelay.isNegative() || lastCallDelay.isZero()) {
      throw new IllegalArgumentException("lastCallDelay must be positive, was " + lastCallDelay);
    }
    if (attributionWindow == null || attributionWindow.isNegative()) {
      throw new IllegalArgumentException(
          "attributionWindow must not be negative, was " + attributionWindow);
    }
    // builds it once so that bad weights fail at startup, not in a running journey
    experiment(smsLastCallWeight, emailLastCallWeight, holdoutPercent);
  }

  /** The default attribution window of 5 days. */
  public AbandonedCartSettings(
      Duration reminderDelay,
      Duration lastCallDelay,
      int smsLastCallWeight,
      int emailLastCallWeight,
      int holdoutPercent) {
    this(
        reminderDelay,
        lastCallDelay,
        smsLastCallWeight,
        emailLastCallWeight,
        holdoutPercent,
        Duration.ofDays(5));
  }

  /** An even split of the last-call channel, no hold-out. */
  public AbandonedCartSettings(Duration reminderDelay, Duration lastCallDelay) {
    this(reminderDelay, lastCallDelay, 1, 1, 0);
  }

  /** The last-call channel experiment with its hold-out group. */
  public Experiment lastCallExperiment() {
    return experiment(smsLastCallWeight, emailLastCallWeight, holdoutPercent);
  }

  private static Experiment experiment(int sms, int email, int holdout) {
    return Experiment.split(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT, "sms", "email")
        .weight("sms", sms)
        .weight("email", email)
        .withHoldout(holdout);
  }
}
