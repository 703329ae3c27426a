package dev.journeys.journey;

import dev.journeys.customer.CustomerActivities;
import dev.journeys.customer.CustomerProfile;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The customer's profile, looked up once per step: a new step looks again. A look-up is retried
 * until the store answers (see {@link JourneyActivityOptions}); one that fails for good (a
 * non-retryable failure) leaves the journey with the last profile it had, or an unknown one, rather
 * than failing the enrollment.
 */
final class Profiles {

  /** Added while journeys ran: a failed look-up or handoff no longer fails the enrollment. */
  static final String ACTIVITY_FAILURES = "activity-failures-survived";

  private static final Logger log = Workflow.getLogger(Profiles.class);

  private final CustomerActivities profiles;
  private final Supplier<String> customerId;
  private final Supplier<String> step;
  private CustomerProfile profile;
  private String lookedUpAt;

  Profiles(CustomerActivities profiles, Supplier<String> customerId, Supplier<String> step) {
    this.profiles = profiles;
    this.customerId = customerId;
    this.step = step;
  }

  /** The profile looked up last, null before the first lookup; never looks up. */
  CustomerProfile known() {
    return profile;
  }

  CustomerProfile get() {
    if (profile == null || !step.get().equals(lookedUpAt)) {
      profile = lookUp();
      lookedUpAt = step.get();
    }
    return profile;
  }

  private CustomerProfile lookUp() {
    try {
      return profiles.lookUp(customerId.get());
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure cancelled) {
        throw cancelled; // the workflow was cancelled: Journey records CANCELLED
      }
      // enrollments that failed here before this change ended FAILED; their replay must too
      if (Workflow.getVersion(ACTIVITY_FAILURES, Workflow.DEFAULT_VERSION, 1)
          == Workflow.DEFAULT_VERSION) {
        throw failure;
      }
      log.warn("profile look-up failed, going on without it: {}", failure.getMessage());
      return profile != null ? profile : CustomerProfile.unknown(customerId.get());
    }
  }
}
