package dev.journeys.journey;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.function.BiConsumer;

/** A journey whose body each SDK test writes itself. */
@WorkflowInterface
public interface ProbeJourney extends CustomerJourney {

  JourneyDefinition DEFINITION =
      new JourneyDefinition(
          "probe", "Probe", java.util.Set.of("probe_started"), java.util.Set.of());

  @WorkflowMethod(name = "Probe")
  JourneyOutcome run(Enrollment enrollment);

  /** The implementation: the test's body run by a journey configured by the test. */
  final class Impl implements ProbeJourney {
    private final Journey journey;
    private final BiConsumer<Journey, Enrollment> body;

    public Impl(Journey journey, BiConsumer<Journey, Enrollment> body) {
      this.journey = journey;
      this.body = body;
    }

    @Override
    public JourneyOutcome run(Enrollment enrollment) {
      return journey.run(enrollment, () -> body.accept(journey, enrollment));
    }

    @Override
    public void onEvent(dev.journeys.event.CustomerEvent event) {
      journey.receive(event);
    }

    @Override
    public JourneyState state() {
      return journey.state();
    }
  }
}
