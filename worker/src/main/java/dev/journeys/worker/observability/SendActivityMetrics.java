package dev.journeys.worker.observability;

import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;

/**
 * Classifies every send attempt by journey, step, channel and what the send activity decided: sent,
 * suppressed or deferred with the ledger's reason, or failed for good. An attempt that throws (the
 * provider is down, a rate limit, a database hiccup) is counted as an error and retried by
 * Temporal; its retry is counted again when it settles.
 */
final class SendActivityMetrics extends ActivityInboundCallsInterceptorBase {

  static final String MESSAGES = "journeys.messages";
  static final String SEND_DURATION = "journeys.send.duration";
  static final String SEND_ERRORS = "journeys.send.errors";

  private final MeterRegistry registry;

  SendActivityMetrics(ActivityInboundCallsInterceptor next, MeterRegistry registry) {
    super(next);
    this.registry = registry;
  }

  @Override
  public ActivityOutput execute(ActivityInput input) {
    Object[] arguments = input.getArguments();
    if (arguments.length == 0 || !(arguments[0] instanceof SendRequest request)) {
      return super.execute(input);
    }
    long started = System.nanoTime();
    ActivityOutput output;
    try {
      output = super.execute(input);
    } catch (RuntimeException | Error e) {
      Counter.builder(SEND_ERRORS)
          .description("send attempts that threw and will be retried (provider or store errors)")
          .tag("journey", ReasonCodes.orNone(request.journey()))
          .tag("channel", request.channel().name())
          .tag("error", e.getClass().getSimpleName())
          .register(registry)
          .increment();
      throw e;
    }
    if (output.getResult() instanceof SendOutcome outcome) {
      String decision = decision(outcome);
      Counter.builder(MESSAGES)
          .description("send decisions by journey, step, channel, decision and reason")
          .tag("journey", ReasonCodes.orNone(request.journey()))
          .tag("step", ReasonCodes.orNone(request.step()))
          .tag("channel", request.channel().name())
          .tag("decision", decision)
          .tag("reason", reason(outcome))
          .register(registry)
          .increment();
      Timer.builder(SEND_DURATION)
          .description("the send activity, policy checks and ledger included")
          .tag("channel", request.channel().name())
          .tag("decision", decision)
          .register(registry)
          .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    return output;
  }

  private static String decision(SendOutcome outcome) {
    return switch (outcome) {
      case SendOutcome.Sent s -> "sent";
      case SendOutcome.Suppressed s -> "suppressed";
      case SendOutcome.Deferred d -> "deferred";
      case SendOutcome.Failed f -> "failed";
      case SendOutcome.Uncertain u -> "uncertain";
      case SendOutcome.Throttled t -> "throttled";
    };
  }

  private static String reason(SendOutcome outcome) {
    return switch (outcome) {
      case SendOutcome.Sent s -> "none";
      case SendOutcome.Suppressed s -> ReasonCodes.of(s.reason());
      case SendOutcome.Deferred d -> ReasonCodes.of(d.reason());
      case SendOutcome.Failed f -> ReasonCodes.of(f.reason());
      case SendOutcome.Uncertain u -> ReasonCodes.of(u.reason());
      case SendOutcome.Throttled t -> "rate_limit";
    };
  }
}
