package dev.journeys.faults;

import java.time.Duration;
import java.time.Instant;

/** The Temporal dev server stopped, left down a while, restarted on the same SQLite file. */
final class TemporalRestart implements FaultInjector {

  static final Duration DOWN_FOR = Duration.ofSeconds(10);

  @Override
  public void inject(Stack stack, Findings findings) {
    Instant stopped = Instant.now();
    stack.stopTemporal();
    Pause.of(DOWN_FOR);
    stack.startTemporal();
    findings.note(
        Fault.TEMPORAL_RESTART,
        "Temporal down %.1f s (restarted on %s)"
            .formatted(
                Duration.between(stopped, Instant.now()).toMillis() / 1000.0,
                stack.dir().resolve("temporal.db")));
  }
}
