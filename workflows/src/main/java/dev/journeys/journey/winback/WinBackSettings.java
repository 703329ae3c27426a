package dev.journeys.journey.winback;

import java.time.Duration;
import java.util.List;

/**
 * @param lapse how long without a purchase before the customer counts as lapsed
 * @param gap time between re-engagement messages
 * @param messages the re-engagement messages' keys, in order
 * @param continueAsNewAfter history length at which the watching loop continues as new
 */
public record WinBackSettings(
    Duration lapse, Duration gap, List<String> messages, int continueAsNewAfter) {

  public static final WinBackSettings DEFAULTS =
      new WinBackSettings(
          Duration.ofDays(60),
          Duration.ofDays(7),
          List.of("win-back-miss-you", "win-back-offer", "win-back-last-chance"),
          5_000);

  public WinBackSettings {
    if (lapse == null || lapse.isNegative() || lapse.isZero()) {
      throw new IllegalArgumentException("lapse must be positive");
    }
    if (gap == null || gap.isNegative() || gap.isZero()) {
      throw new IllegalArgumentException("gap must be positive");
    }
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("a win-back needs at least one message");
    }
    messages = List.copyOf(messages);
  }
}
