package dev.journeys.journey;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Idempotency keys of a journey's side effects: the enrollment (workflow id and first run id), the
 * step, and the step's iteration when it runs again ({@code #2}, {@code #3}, ...). The same on
 * every retry, replay and worker restart, and kept across continue-as-new, so nothing is done twice
 * and nothing is left to chance.
 */
final class StepKeys {

  private final Supplier<String> enrollmentId;
  private final Map<String, Integer> iterations = new HashMap<>();

  /**
   * After a continue-as-new in a loop: counters the earlier runs reached, while the run replays.
   */
  private final Map<String, Integer> earlier = new HashMap<>();

  private final Map<String, Integer> replayed = new HashMap<>();
  private boolean resuming;

  /**
   * @param enrollmentId "workflowId/firstRunId", asked for when a key is made
   */
  StepKeys(Supplier<String> enrollmentId) {
    this.enrollmentId = enrollmentId;
  }

  /**
   * The key of the next send of a step: {@code enrollment/step}, then {@code enrollment/step#2}.
   */
  String next(String step) {
    return next(step, step);
  }

  /**
   * The key of the next occurrence of {@code counter}, named after {@code step}; sends and handoffs
   * of one step count apart.
   */
  String next(String counter, String step) {
    int iteration;
    if (resuming && replayed.getOrDefault(counter, 0) < earlier.getOrDefault(counter, 0)) {
      // the body runs again up to the loop it continued in: this send or handoff happened in an
      // earlier run, and gets that run's key, which the ledger and helpdesk already know
      iteration = replayed.merge(counter, 1, Integer::sum);
    } else {
      iteration = iterations.merge(counter, 1, Integer::sum);
    }
    return enrollmentId.get() + "/" + step + (iteration > 1 ? "#" + iteration : "");
  }

  /**
   * A new run of a journey that continued as new inside a loop: until {@link #resumed()}, each step
   * gets the keys of its earlier occurrences again instead of new ones.
   */
  void resuming() {
    earlier.putAll(iterations);
    resuming = true;
  }

  /** The body is back in the loop it continued in: new occurrences get new keys again. */
  void resumed() {
    resuming = false;
  }

  /** The counters, for continue-as-new. */
  Map<String, Integer> iterations() {
    return iterations;
  }

  void restore(Map<String, Integer> carried) {
    iterations.putAll(carried);
  }
}
