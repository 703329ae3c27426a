package dev.journeys.faults;

import java.time.Instant;

/**
 * Puts the SMS sink into a fault mode for this fault's cohort (by phone prefix). Returns at once:
 * the outage and the hang end on their own timers, permanent refusals last the whole run.
 */
final class ProviderFault implements FaultInjector {

  private final Fault fault;
  private final SuiteOptions options;

  ProviderFault(Fault fault, SuiteOptions options) {
    this.fault = fault;
    this.options = options;
  }

  @Override
  public void inject(Stack stack, Findings findings) {
    Instant now = Instant.now();
    switch (fault) {
      case PROVIDER_OUTAGE -> {
        stack
            .sms()
            .apply(
                fault.phonePrefix(),
                FaultySmsSink.Mode.UNAVAILABLE,
                now.plus(options.providerOutage()));
        findings.note(fault, "SMS answers 503 for " + options.providerOutage().toSeconds() + " s");
      }
      case PROVIDER_REJECT -> {
        stack.sms().apply(fault.phonePrefix(), FaultySmsSink.Mode.REJECT, Instant.MAX);
        findings.note(fault, "SMS answers 400 (code 21211) for the rest of the run");
      }
      case PROVIDER_HANG -> {
        stack
            .sms()
            .apply(fault.phonePrefix(), FaultySmsSink.Mode.HANG, now.plus(options.providerHang()));
        findings.note(
            fault,
            "SMS holds each request 15 s (worker timeout 10 s), then accepts it, for "
                + options.providerHang().toSeconds()
                + " s");
      }
      default -> throw new IllegalArgumentException(fault + " is not a provider fault");
    }
  }
}
