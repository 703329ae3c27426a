package dev.journeys.faults;

/**
 * Injects one fault into the running stack and returns once the system has been given back what it
 * lost (a killed process restarted, a stopped server started); provider faults end on their own
 * timers. What it measures along the way goes to {@link Findings}.
 */
interface FaultInjector {

  void inject(Stack stack, Findings findings);

  /** The injector for a fault, or none for the control cohort. */
  static FaultInjector of(Fault fault, SuiteOptions options, ApiClient api) {
    return switch (fault) {
      case BASELINE -> (stack, findings) -> {};
      case WORKER_KILL -> new ProcessKill(fault, Stack::worker);
      case API_RESTART -> new ProcessKill(fault, Stack::api);
      case TEMPORAL_RESTART -> new TemporalRestart();
      case POSTGRES_RESTART -> new PostgresRestart(api);
      case PROVIDER_OUTAGE, PROVIDER_REJECT, PROVIDER_HANG -> new ProviderFault(fault, options);
    };
  }
}
