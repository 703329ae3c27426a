package dev.journeys.journey;

import dev.journeys.customer.CustomerActivities;
import dev.journeys.customer.CustomerProfile;
import java.util.function.Supplier;

/** The customer's profile, looked up once per step: a new step looks again. */
final class Profiles {

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
      profile = profiles.lookUp(customerId.get());
      lookedUpAt = step.get();
    }
    return profile;
  }
}
