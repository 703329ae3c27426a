package dev.journeys.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.Customer;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendTimesTest {

  private static final PolicyProperties.QuietHours QUIET_21_TO_8 =
      new PolicyProperties.QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0), true);

  private final ContactRules rules =
      new ContactRules(
          List.of(
              new ContactRules.Rule("US", "TCPA", LocalTime.of(8, 0), LocalTime.of(21, 0), null),
              new ContactRules.Rule("US-FL", "FL", LocalTime.of(8, 0), LocalTime.of(20, 0), 3)));

  private SendTimes sendTimes(PolicyProperties.QuietHours quiet) {
    return new SendTimes(
        new PolicyProperties(
            "UTC", quiet, null, "unused", new PolicyProperties.RateLimits(null, 0), null, null),
        rules);
  }

  @Test
  void defersMarketingInQuietHoursToTheirEndInTheCustomersZone() {
    var berliner = customer("Europe/Berlin", null);
    // 23:30 in Berlin
    var deferral =
        sendTimes(QUIET_21_TO_8)
            .deferral(
                berliner, Channel.EMAIL, Topic.MARKETING, Instant.parse("2026-11-23T22:30:00Z"));

    assertThat(deferral)
        .contains(new SendDecision.Defer(Instant.parse("2026-11-24T07:00:00Z"), "quiet_hours"));
  }

  @Test
  void letsTransactionalThroughQuietHoursUnlessConfiguredOtherwise() {
    var berliner = customer("Europe/Berlin", null);
    var night = Instant.parse("2026-11-23T22:30:00Z");

    assertThat(sendTimes(QUIET_21_TO_8).deferral(berliner, Channel.SMS, Topic.TRANSACTIONAL, night))
        .isEmpty();
    var strict =
        new PolicyProperties.QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0), false);
    assertThat(sendTimes(strict).deferral(berliner, Channel.SMS, Topic.TRANSACTIONAL, night))
        .isPresent();
  }

  @Test
  void usesTheDefaultTimeZoneWhenTheProfileHasNone() {
    var unknown = customer(null, null);
    // 07:30 UTC: quiet in the default zone (UTC) until 08:00
    assertThat(
            sendTimes(QUIET_21_TO_8)
                .deferral(
                    unknown, Channel.EMAIL, Topic.MARKETING, Instant.parse("2026-11-23T07:30:00Z")))
        .contains(new SendDecision.Defer(Instant.parse("2026-11-23T08:00:00Z"), "quiet_hours"));
  }

  @Test
  void appliesTheStricterFloridaContactWindowToSms() {
    var floridian = customer("America/New_York", "US-FL");
    var newYorker = customer("America/New_York", "US-NY");
    // 20:30 EST on Nov 23 is 01:30 UTC on Nov 24; quiet hours off to see the rule alone
    var off = new PolicyProperties.QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0), true);
    var evening = Instant.parse("2026-11-24T01:30:00Z");

    assertThat(sendTimes(off).deferral(floridian, Channel.SMS, Topic.MARKETING, evening))
        .contains(new SendDecision.Defer(Instant.parse("2026-11-24T13:00:00Z"), "contact_window"));
    assertThat(sendTimes(off).deferral(newYorker, Channel.SMS, Topic.MARKETING, evening)).isEmpty();
    // the rule is about SMS; email at that hour is fine
    assertThat(sendTimes(off).deferral(floridian, Channel.EMAIL, Topic.MARKETING, evening))
        .isEmpty();
  }

  @Test
  void takesTheLaterOpeningWhenQuietHoursAndContactWindowBothApply() {
    var floridian = customer("America/New_York", "US-FL");
    var lateQuiet =
        new PolicyProperties.QuietHours(true, LocalTime.of(22, 0), LocalTime.of(9, 0), true);
    // 23:00 EST: the Florida window (closed since 20:00) opens at 08:00, the quiet hours
    // (22:00-09:00) only at 09:00; the later one wins
    assertThat(
            sendTimes(lateQuiet)
                .deferral(
                    floridian, Channel.SMS, Topic.MARKETING, Instant.parse("2026-11-24T04:00:00Z")))
        .contains(new SendDecision.Defer(Instant.parse("2026-11-24T14:00:00Z"), "quiet_hours"));
  }

  @Test
  void aConfiguredRuleReplacesTheShippedOneForItsRegion() {
    var stricter =
        new ContactRules(
            List.of(
                new ContactRules.Rule("US", "TCPA", LocalTime.of(8, 0), LocalTime.of(21, 0), null)),
            List.of(
                new ContactRules.Rule(
                    "US", "house rule", LocalTime.of(10, 0), LocalTime.of(18, 0), null)));
    var off = new PolicyProperties.QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0), true);
    var times =
        new SendTimes(
            new PolicyProperties(
                "UTC", off, null, "unused", new PolicyProperties.RateLimits(null, 0), null, null),
            stricter);

    // 09:00 in New York: allowed by the TCPA, not by the house rule
    assertThat(
            times.deferral(
                customer("America/New_York", "US-NY"),
                Channel.SMS,
                Topic.MARKETING,
                Instant.parse("2026-11-23T14:00:00Z")))
        .contains(new SendDecision.Defer(Instant.parse("2026-11-23T15:00:00Z"), "contact_window"));
  }

  private static Customer customer(String zone, String region) {
    return new Customer("c", "c@shop.test", "+15551234567", zone, "en", "C", Set.of(), null)
        .withRegion(region);
  }
}
