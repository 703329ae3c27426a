package dev.journeys.faults;

import java.time.Duration;

/** Sleeping in the suite's own threads; an interrupt means the suite is being stopped. */
final class Pause {

  private Pause() {}

  static void of(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
