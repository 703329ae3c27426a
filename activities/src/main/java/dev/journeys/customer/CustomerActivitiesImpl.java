package dev.journeys.customer;

import org.springframework.stereotype.Component;

/** Profile look-ups for journeys, from the journey store. */
@Component
public class CustomerActivitiesImpl implements CustomerActivities {

  private final CustomerProfiles profiles;

  public CustomerActivitiesImpl(CustomerProfiles profiles) {
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
