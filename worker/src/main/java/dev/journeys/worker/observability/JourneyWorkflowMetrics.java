package dev.journeys.worker.observability;

import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Counts a journey's enrollments, the steps it enters and how it ends, by journey and step.
 *
 * <p>It reads only what the journey already tells Temporal: the {@link Enrollment} argument, the
 * {@code JourneyStep} search attribute it keeps current, and the {@link JourneyOutcome} it returns.
 * Counters go through {@link Workflow#getMetricsScope()}, which stays silent while a workflow is
 * replayed, so a worker that rebuilds a journey from history counts nothing twice. Workflows that
 * are not enrollments (the restock fan-out) are left alone.
 */
final class JourneyWorkflowMetrics extends WorkflowInboundCallsInterceptorBase {

  static final String ENROLLED = "journeys_enrolled";
  static final String STEP_ENTERED = "journeys_step_entered";
  static final String FINISHED = "journeys_finished";

  private String journey;
  private String step = "enrolled";

  JourneyWorkflowMetrics(WorkflowInboundCallsInterceptor next) {
    super(next);
  }

  @Override
  public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
    super.init(new StepTracker(outboundCalls));
  }

  @Override
  public WorkflowOutput execute(WorkflowInput input) {
    Object[] arguments = input.getArguments();
    if (arguments.length == 0 || !(arguments[0] instanceof Enrollment enrollment)) {
      return super.execute(input);
    }
    journey = enrollment.journey();
    if (enrollment.carryover() == null) {
      // a continued run carries its enrollment over: only the first run is a new enrollment
      scope(Map.of("journey", journey)).counter(ENROLLED).inc(1);
    } else if (enrollment.carryover().step() != null) {
      step = enrollment.carryover().step();
    }
    try {
      WorkflowOutput output = super.execute(input);
      if (output.getResult() instanceof JourneyOutcome outcome) {
        finished(outcome.name());
      }
      return output;
    } catch (CanceledFailure cancelled) {
      finished(JourneyOutcome.CANCELLED.name());
      throw cancelled;
    } catch (TemporalFailure failure) {
      // a failure that fails the workflow (not a workflow task) ends the enrollment
      finished("FAILED");
      throw failure;
    }
  }

  private void finished(String outcome) {
    scope(Map.of("journey", journey, "step", step, "outcome", outcome)).counter(FINISHED).inc(1);
  }

  private static com.uber.m3.tally.Scope scope(Map<String, String> tags) {
    return Workflow.getMetricsScope().tagged(tags);
  }

  /** Sees every search attribute update the journey makes, and so each step it enters. */
  private final class StepTracker extends WorkflowOutboundCallsInterceptorBase {

    StepTracker(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void upsertTypedSearchAttributes(SearchAttributeUpdate<?>... updates) {
      super.upsertTypedSearchAttributes(updates);
      if (journey == null) {
        return;
      }
      String newStep = null;
      for (SearchAttributeUpdate<?> update : updates) {
        if (update.getKey().equals(JourneySearchAttributes.JOURNEY_OUTCOME)) {
          // the journey's end names the outcome as its step; keep the step it ended at
          return;
        }
        if (update.getKey().equals(JourneySearchAttributes.JOURNEY_STEP)
            && update.getValue().orElse(null) instanceof String name) {
          newStep = name;
        }
      }
      if (newStep != null && !newStep.equals(step)) {
        step = newStep;
        scope(Map.of("journey", journey, "step", step)).counter(STEP_ENTERED).inc(1);
      }
    }
  }
}
