package dev.journeys.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The funnel's arithmetic, on rows as journeys record them. */
class FunnelsTest {

  private static final String ADA = "journey/abandoned-cart/ada/run-1";
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void aLedgerKeyBelongsToTheLongestEnrollmentIdItStartsWith() {
    var ids = Set.of(ADA, "journey/abandoned-cart/ada");

    assertThat(Funnels.enrollmentOf(ADA + "/cart-reminder", ids)).isEqualTo(ADA);
    assertThat(Funnels.enrollmentOf(ADA + "/cart-last-call#2/retry-1", ids)).isEqualTo(ADA);
    assertThat(Funnels.enrollmentOf("journey/other/bob/run-9/cart-reminder", ids)).isNull();
  }

  @Test
  void aConversionCountsForTheLastMessageOnlyWithinTheWindow() {
    var lastCallAt = T0.plus(Duration.ofHours(24));
    var enrolled =
        List.of(
            new Funnels.Enrolled(
                ADA,
                1,
                "CONVERTED",
                lastCallAt.plus(Duration.ofDays(2)),
                lastCallAt,
                Map.of("cart-last-call-channel", "sms")));
    var decisions =
        List.of(
            new Funnels.Decision(ADA + "/cart-reminder", "cart-reminder", "SENT", null, T0),
            new Funnels.Decision(
                ADA + "/cart-last-call", "cart-last-call", "SENT", null, lastCallAt));

    var week = Funnels.compute("abandoned-cart", Duration.ofDays(5), enrolled, decisions);
    var day = Funnels.compute("abandoned-cart", Duration.ofDays(1), enrolled, decisions);

    var all = week.groups().getFirst();
    assertThat(all.converted()).isEqualTo(1);
    assertThat(all.attributed()).isEqualTo(1);
    assertThat(all.steps())
        .extracting(Funnel.Stage::step, Funnel.Stage::sent, Funnel.Stage::attributed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cart-reminder", 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("cart-last-call", 1L, 1L));
    assertThat(week.groups().get(1).arm()).isEqualTo("sms");
    assertThat(day.groups().getFirst().attributed()).isZero();
    assertThat(day.groups().getFirst().converted()).isEqualTo(1);
  }
}
