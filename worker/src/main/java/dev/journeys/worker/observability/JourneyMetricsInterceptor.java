package dev.journeys.worker.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import org.springframework.stereotype.Component;

/**
 * Hooks journey metrics and the activity log context into every worker the application starts.
 * Workflow counters go through the workflow's replay-safe metrics scope (so a replay never counts
 * an enrollment twice); activity metrics go straight to Micrometer, since activities are never
 * replayed.
 */
@Component
public class JourneyMetricsInterceptor extends WorkerInterceptorBase {

  private final MeterRegistry registry;

  public JourneyMetricsInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new JourneyWorkflowMetrics(next);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityLogContext(new SendActivityMetrics(next, registry));
  }
}
