package dev.journeys.profile;

import dev.journeys.customer.CustomerProfiles;
import org.springframework.stereotype.Component;

/** Profile look-ups for journeys, from the journey store. */
@Component
public class ProfileActivitiesImpl implements ProfileActivities {

  private final CustomerProfiles profiles;

  public ProfileActivitiesImpl(CustomerProfiles profiles) {
    this.profiles = profiles;
  }

  @Override
  public CustomerProfile lookUp(String customerId) {
    return profiles
        .find(customerId)
        .map(
            c ->
                new CustomerProfile(
                    c.id(), c.timeZone(), c.preferredChannel(), profiles.attributes(customerId)))
        .orElseGet(() -> CustomerProfile.unknown(customerId));
  }
}
