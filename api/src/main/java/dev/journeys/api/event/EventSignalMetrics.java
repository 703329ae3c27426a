package dev.journeys.api.event;

import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.Enrollment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Measures how late customer events reach their journeys: from the event's {@code occurredAt} to
 * the moment Temporal accepted the signal (or signal-with-start) carrying it, by event type,
 * journey and action; and counts the deliveries Temporal refused. While a delivery is under way the
 * logging context names the workflow, journey and customer.
 *
 * <p>It sits on the Temporal client (the Temporal starter adds every {@code
 * WorkflowClientInterceptor} bean), so it sees every path that signals a journey: event ingest,
 * delivery receipts, SMS keywords.
 */
@Component
public class EventSignalMetrics extends WorkflowClientInterceptorBase {

  static final String LAG = "journeys.events.signal.lag";
  static final String ERRORS = "journeys.events.signal.errors";

  private final MeterRegistry registry;
  private final Clock clock;

  public EventSignalMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.clock = Clock.systemUTC();
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new WorkflowClientCallsInterceptorBase(next) {
      @Override
      public WorkflowSignalOutput signal(WorkflowSignalInput input) {
        String workflowId = input.getWorkflowExecution().getWorkflowId();
        return measured(
            first(input.getArguments()),
            workflowId,
            journeyOf(workflowId),
            "signal",
            () -> super.signal(input));
      }

      @Override
      public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
        var start = input.getWorkflowStartInput();
        String journey =
            first(start.getArguments()) instanceof Enrollment enrollment
                ? enrollment.journey()
                : journeyOf(start.getWorkflowId());
        return measured(
            first(input.getSignalArguments()),
            start.getWorkflowId(),
            journey,
            "signal-with-start",
            () -> super.signalWithStart(input));
      }
    };
  }

  private <T> T measured(
      Object argument,
      String workflowId,
      String journey,
      String action,
      java.util.function.Supplier<T> call) {
    if (!(argument instanceof CustomerEvent event)) {
      return call.get();
    }
    T result;
    try (var w = MDC.putCloseable("workflowId", workflowId);
        var j = MDC.putCloseable("journey", journey);
        var c = MDC.putCloseable("customerId", event.customerId())) {
      result = call.get();
    } catch (RuntimeException e) {
      Counter.builder(ERRORS)
          .description("events Temporal did not take (unavailable, refused)")
          .tag("type", event.type())
          .tag("journey", journey)
          .tag("action", action)
          .tag("error", e.getClass().getSimpleName())
          .register(registry)
          .increment();
      throw e;
    }
    if (event.occurredAt() != null) {
      Duration lag = Duration.between(event.occurredAt(), clock.instant());
      Timer.builder(LAG)
          .description("from the event's occurredAt to its signal accepted by Temporal")
          .tag("type", event.type())
          .tag("journey", journey)
          .tag("action", action)
          .publishPercentileHistogram()
          .register(registry)
          .record(lag.isNegative() ? Duration.ZERO : lag);
    }
    return result;
  }

  private static Object first(Object[] arguments) {
    return arguments == null || arguments.length == 0 ? null : arguments[0];
  }

  /** {@code journey/<journey>/<customerId>[/<key>]} → {@code <journey>}. */
  private static String journeyOf(String workflowId) {
    String[] parts = workflowId.split("/", 3);
    return parts.length == 3 && parts[0].equals("journey") ? parts[1] : "none";
  }
}
