package dev.journeys.faults;

import java.util.Arrays;
import java.util.Optional;

/**
 * The faults the suite can inject, in the order it injects them. Each gets its own cohort of
 * journeys (customers, phone numbers) so the audit can say which fault a loss or duplicate belongs
 * to; the three provider faults run at the same time, on different phone-number ranges of the SMS
 * sink.
 */
enum Fault {
  BASELINE("baseline", "no fault: the control cohort"),
  WORKER_KILL("worker-kill", "worker SIGKILLed mid-load, restarted"),
  TEMPORAL_RESTART("temporal-restart", "Temporal dev server stopped, restarted on its database"),
  POSTGRES_RESTART(
      "postgres-restart", "PostgreSQL restarted, then Temporal lost right after (API probed)"),
  PROVIDER_OUTAGE("provider-outage", "SMS provider answers 503 for a while, then recovers"),
  PROVIDER_REJECT("provider-reject", "SMS provider refuses every message permanently (400)"),
  PROVIDER_HANG(
      "provider-hang", "SMS provider holds requests past the client timeout, then accepts"),
  API_RESTART("api-restart", "API SIGKILLed while events are posted, restarted");

  private final String cliName;
  private final String description;

  Fault(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  String cliName() {
    return cliName;
  }

  String description() {
    return description;
  }

  boolean isProviderFault() {
    return this == PROVIDER_OUTAGE || this == PROVIDER_REJECT || this == PROVIDER_HANG;
  }

  /**
   * The cohort's phone numbers start with {@code +1555<digit>}, so the SMS sink can apply a fault
   * to one cohort only and the report can tell cohorts apart.
   */
  String phonePrefix() {
    return "+1555" + ordinal();
  }

  static Optional<Fault> named(String name) {
    return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
  }
}
