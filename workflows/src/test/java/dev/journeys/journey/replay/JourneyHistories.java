package dev.journeys.journey.replay;

import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.JourneyTestEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The histories a journey records for {@link JourneyReplayTest}, declared beside its tests: a class
 * named {@code Histories} in the journey's package (e.g. {@code
 * dev.journeys.journey.cart.Histories}) implements it. A journey without one records {@code
 * <journey>-completed}: its first trigger, no further event, run to the end.
 */
public interface JourneyHistories {

  /** The scenarios to record, each as {@code <name>.json}; names start with the journey's name. */
  List<Scenario> scenarios();

  /**
   * The settings a history was recorded with, when they are not the journey's defaults (e.g. every
   * customer in the hold-out group): the replay must run with them too.
   */
  default Optional<Object> settingsFor(String history) {
    return Optional.empty();
  }

  /**
   * One recorded run.
   *
   * @param name the history's file name without {@code .json}
   * @param trigger the event type that enrols customer {@code c-1}
   * @param properties the trigger's properties
   * @param script what happens to the running journey before it ends
   */
  record Scenario(String name, String trigger, Map<String, Object> properties, Script script) {

    /** A scenario in which nothing happens after the trigger. */
    public Scenario(String name, String trigger, Map<String, Object> properties) {
      this(name, trigger, properties, (test, journey) -> {});
    }
  }

  /** What a scenario does to the running journey (sleep, deliver events) before it ends. */
  @FunctionalInterface
  interface Script {
    void play(JourneyTestEnvironment test, CustomerJourney journey);
  }
}
