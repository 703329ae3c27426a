package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummariesTest {

  private static final Instant NOW = Instant.parse("2026-11-23T22:30:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void namesAPauseByItsStepAndDuration() {
    var hour = Duration.ofHours(1);

    assertThat(Summaries.timer("wait-for-order", "timer", hour, NOW.plus(hour), ZoneOffset.UTC))
        .isEqualTo("wait-for-order 1h");
  }

  @Test
  void namesAnEventWaitByWhatItWaitsFor() {
    var days = Duration.ofDays(3);

    assertThat(
            Summaries.timer("wait-for-delivery", "order_delivered", days, NOW.plus(days), BERLIN))
        .isEqualTo("wait-for-delivery: order_delivered, up to 3d");
  }

  @Test
  void namesADeferralByPolicyReasonAndTheCustomersLocalTime() {
    Instant eightInBerlin = Instant.parse("2026-11-24T07:00:00Z");

    assertThat(
            Summaries.timer(
                "cart-reminder",
                "deferred:quiet_hours",
                Duration.between(NOW, eightInBerlin),
                eightInBerlin,
                BERLIN))
        .isEqualTo("policy: deferred quiet_hours until 08:00 Europe/Berlin");
  }

  @Test
  void aDeferralMoreThanADayAwayNamesTheDay() {
    Instant later = Instant.parse("2026-11-26T07:00:00Z");

    assertThat(
            Summaries.timer(
                "s", "deferred:contact_window", Duration.between(NOW, later), later, BERLIN))
        .isEqualTo("policy: deferred contact_window until Thu 26 Nov 08:00 Europe/Berlin");
  }

  @Test
  void writesDurationsShort() {
    assertThat(Summaries.duration(Duration.ofMinutes(90))).isEqualTo("1h 30m");
    assertThat(Summaries.duration(Duration.ofHours(23))).isEqualTo("23h");
    assertThat(Summaries.duration(Duration.ofDays(1).plusHours(6))).isEqualTo("1d 6h");
    assertThat(Summaries.duration(Duration.ofSeconds(8))).isEqualTo("8s");
    assertThat(Summaries.duration(Duration.ofMillis(250))).isEqualTo("250ms");
  }

  @Test
  void detailsReadLikeASupportNoteWhileRunning() {
    var state =
        new JourneyState(
            "abandoned-cart",
            "c-42",
            "wait-after-reminder",
            "timer",
            Instant.parse("2026-11-24T10:00:00Z"),
            List.of(
                new JourneyState.MessageRecord(
                    "cart-reminder",
                    "cart-reminder",
                    Channel.EMAIL,
                    new SendOutcome.Sent(Channel.EMAIL, "m-1")),
                new JourneyState.MessageRecord(
                    "cart-last-call",
                    "cart-last-call-sms",
                    Channel.SMS,
                    new SendOutcome.Suppressed("opted_out"))),
            null,
            Map.of("cart-last-call-channel", "sms"));

    assertThat(Summaries.details(state, null, BERLIN))
        .isEqualTo(
            """
            **abandoned-cart** for customer `c-42`

            Step: **wait-after-reminder**, waiting for timer, next wake-up Tue 24 Nov 11:00 \
            Europe/Berlin

            Experiments: cart-last-call-channel=sms

            Messages:

            - cart-reminder by EMAIL at cart-reminder: sent
            - cart-last-call-sms by SMS at cart-last-call: suppressed (opted_out)""");
  }

  @Test
  void detailsOfAnEndedJourneyGiveTheOutcomeAndItsCause() {
    var state =
        new JourneyState(
            "abandoned-cart", "c-42", "converted", null, null, List.of(), null, Map.of());

    assertThat(
            Summaries.details(
                state,
                Summaries.outcome(JourneyOutcome.CONVERTED, "order_placed", "wait-for-order"),
                ZoneOffset.UTC))
        .contains("Outcome: **CONVERTED by order_placed at wait-for-order**")
        .contains("Messages: none yet");
  }
}
