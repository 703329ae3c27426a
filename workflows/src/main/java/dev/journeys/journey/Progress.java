package dev.journeys.journey;

import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a journey is: its step (kept in the {@code JourneyStep} search attribute), how far its
 * loops got, when its history is long enough to continue as new, and how it ended.
 */
final class Progress {

  /** Temporal's history limit is 50k events; stay far below it by default. */
  static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 5_000;

  private final Map<String, Integer> loops = new HashMap<>();
  private final AttributeUpdates attributes;
  private int continueAsNewAfter = DEFAULT_CONTINUE_AS_NEW_AFTER;
  private String step = "enrolled";
  private boolean frozen;
  private JourneyOutcome outcome;

  Progress(AttributeUpdates attributes) {
    this.attributes = attributes;
  }

  String step() {
    return step;
  }

  /** Moves to a step, unless the journey is held at one (see {@link #holdAt}). */
  void step(String name) {
    if (frozen) {
      return;
    }
    this.step = name;
    attributes.set(JourneySearchAttributes.JOURNEY_STEP.valueSet(name));
  }

  /** Moves to a step and stays there: later steps are not shown (a hold-out enrollment). */
  void holdAt(String name) {
    step(name);
    frozen = true;
  }

  /** Moves to {@code name} unless the journey is already there (no search-attribute update). */
  void moveTo(String name) {
    if (!step.equals(name)) {
      step(name);
    }
  }

  void continueAsNewAfter(int historyEvents) {
    if (historyEvents < 1) {
      throw new IllegalArgumentException("historyEvents must be positive");
    }
    this.continueAsNewAfter = historyEvents;
  }

  boolean historyIsLong() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= continueAsNewAfter || info.isContinueAsNewSuggested();
  }

  /** The next iteration of a loop: 0 at first, where the last run left it after a carry-over. */
  int loopStart(String name) {
    return loops.getOrDefault(name, 0);
  }

  void loopDone(String name, int iterations) {
    loops.put(name, iterations);
  }

  Map<String, Integer> loops() {
    return loops;
  }

  void restore(String carriedStep, Map<String, Integer> carriedLoops) {
    loops.putAll(carriedLoops);
    step = carriedStep == null ? step : carriedStep;
  }

  /** The outcome, null while running. */
  JourneyOutcome outcome() {
    return outcome;
  }

  /** Ends the journey: its step becomes the outcome's name, e.g. {@code converted}. */
  void finish(JourneyOutcome result) {
    this.outcome = result;
    this.step = result.name().toLowerCase(Locale.ROOT);
    attributes.set(
        JourneySearchAttributes.JOURNEY_STEP.valueSet(step),
        JourneySearchAttributes.JOURNEY_OUTCOME.valueSet(result.name()));
    attributes.flush();
  }
}
