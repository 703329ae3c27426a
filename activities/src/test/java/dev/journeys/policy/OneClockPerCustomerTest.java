package dev.journeys.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerActivities;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The policy gate's quiet hours and the profile a journey waits by (the customer activity's) run on
 * the same clock: the profile's zone, else the region's, else the configured default (Berlin here).
 * Quiet hours are the defaults, 21:00 to 08:00.
 */
@SpringBootTest(
    classes = {JourneyStoreTestApp.class, ContactRules.class, SendTimes.class},
    properties = {
      "journeys.policies.default-time-zone=Europe/Berlin",
      "journeys.policies.quiet-hours.enabled=true"
    })
class OneClockPerCustomerTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired CustomerProfiles profiles;
  @Autowired CustomerActivities lookUps;
  @Autowired SendTimes sendTimes;

  @Test
  void aCustomerWithoutATimeZoneLivesInTheZoneOfTheirRegion() {
    var floridian = save("fl-1", null, "US-FL");
    // 07:30 in Florida (EST), 13:30 in Berlin, 12:30 UTC: quiet in Florida until 08:00
    var deferral =
        sendTimes.deferral(
            floridian, Channel.EMAIL, Topic.MARKETING, Instant.parse("2026-11-24T12:30:00Z"));

    assertThat(deferral)
        .contains(new SendDecision.Defer(Instant.parse("2026-11-24T13:00:00Z"), "quiet_hours"));
    ZoneId journeyZone = lookUps.lookUp("fl-1").zone();
    assertThat(journeyZone).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(deferral.orElseThrow().until().atZone(journeyZone).toLocalTime())
        .isEqualTo(LocalTime.of(8, 0));
  }

  @Test
  void withNeitherZoneNorAKnownRegionBothUseTheConfiguredDefault() {
    var nowhere = save("nowhere-1", null, null);
    var antarctic = save("aq-1", null, "AQ");
    // 07:30 in Berlin (CET), 06:30 UTC
    var early = Instant.parse("2026-11-24T06:30:00Z");
    var berlinMorning =
        new SendDecision.Defer(Instant.parse("2026-11-24T07:00:00Z"), "quiet_hours");

    assertThat(sendTimes.deferral(nowhere, Channel.EMAIL, Topic.MARKETING, early))
        .contains(berlinMorning);
    assertThat(sendTimes.deferral(antarctic, Channel.EMAIL, Topic.MARKETING, early))
        .contains(berlinMorning);
    assertThat(lookUps.lookUp("nowhere-1").zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(lookUps.lookUp("aq-1").zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void theProfilesOwnZoneWinsOverItsRegion() {
    var traveller = save("tokyo-1", "Asia/Tokyo", "US-FL");
    // 07:30 in Tokyo, 22:30 UTC the day before
    var deferral =
        sendTimes.deferral(
            traveller, Channel.EMAIL, Topic.MARKETING, Instant.parse("2026-11-23T22:30:00Z"));

    assertThat(deferral)
        .contains(new SendDecision.Defer(Instant.parse("2026-11-23T23:00:00Z"), "quiet_hours"));
    assertThat(lookUps.lookUp("tokyo-1").zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  private Customer save(String id, String timeZone, String region) {
    profiles.save(
        new Customer(id, id + "@shop.test", null, timeZone, "en", "C", Set.of(), null)
            .withRegion(region),
        "test");
    return profiles.find(id).orElseThrow();
  }
}
