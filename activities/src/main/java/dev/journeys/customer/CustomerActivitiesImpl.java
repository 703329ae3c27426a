package dev.journeys.customer;

import org.springframework.stereotype.Component;

/** Profile look-ups for journeys, from the journey store. */
@Component
public class CustomerActivitiesImpl implements CustomerActivities {

  private final CustomerProfiles profiles;
  private final TimeZones timeZones;

  public CustomerActivitiesImpl(CustomerProfiles profiles, TimeZones timeZones) {
    this.profiles = profiles;
    this.timeZones = timeZones;
  }

  /**
   * The profile with its time zone resolved as the policy gate resolves it (own zone, region,
   * default), so a journey's waits run on the same clock as quiet hours and contact windows.
   */
  @Override
  public CustomerProfile lookUp(String customerId) {
    return profiles
        .find(customerId)
        .map(
            c ->
                new CustomerProfile(
                    c.id(),
                    timeZones.zoneOf(c).getId(),
                    c.preferredChannel(),
                    profiles.attributes(customerId)))
        .orElseGet(() -> CustomerProfile.unknown(customerId));
  }
}
