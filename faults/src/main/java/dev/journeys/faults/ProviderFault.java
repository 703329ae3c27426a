package dev.journeys.faults;

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
    switch (fault) {
      case PROVIDER_OUTAGE -> {
        stack
            .sms()
            .apply(fault.phonePrefix(), FaultySmsSink.Mode.UNAVAILABLE, options.providerOutage());
        findings.note(
            fault,
            "SMS answers 503 for "
                + options.providerOutage().toSeconds()
                + " s from the cohort's first SMS");
      }
      case PROVIDER_REJECT -> {
        stack.sms().apply(fault.phonePrefix(), FaultySmsSink.Mode.REJECT, null);
        findings.note(fault, "SMS answers 400 (code 21211) for the rest of the run");
      }
      case PROVIDER_HANG -> {
        stack.sms().apply(fault.phonePrefix(), FaultySmsSink.Mode.HANG, options.providerHang());
        findings.note(
            fault,
            "SMS holds each request 15 s (worker timeout 10 s), then accepts it, for "
                + options.providerHang().toSeconds()
                + " s from the cohort's first SMS");
      }
      default -> throw new IllegalArgumentException(fault + " is not a provider fault");
    }
  }

  /** A fault no send ever met proves nothing: that fails the run. */
  static void checkExercised(Fault fault, Stack stack, Findings findings) {
    long hits = stack.sms().hits(fault.phonePrefix());
    if (hits == 0) {
      findings.violation(fault, "not exercised: no SMS of the cohort met the fault");
    } else {
      findings.note(fault, hits + " SMS request(s) met the fault");
    }
  }
}
