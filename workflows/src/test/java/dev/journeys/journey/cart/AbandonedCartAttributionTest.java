package dev.journeys.journey.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.funnel.EnrollmentEnded;
import dev.journeys.funnel.EnrollmentEntered;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyTestEnvironment;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cart journey keeps listening for an order for the attribution window (5 days) after its last
 * call, so an order placed after the arms of its channel experiment differ still counts for them.
 */
class AbandonedCartAttributionTest {

  @Test
  void anOrderTwoDaysAfterTheLastCallConvertsTheJourney() {
    try (var test = new JourneyTestEnvironment()) {
      var journey = AbandonedCarts.enrol(test, AbandonedCartSettings.DEFAULTS);
      test.env.sleep(Duration.ofHours(24).plusDays(2)); // last call at 24h
      journey.onEvent(order(test.now()));

      assertThat(JourneyTestEnvironment.result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
      assertThat(test.experimentOutcomes)
          .singleElement()
          .satisfies(o -> assertThat(o.outcome()).isEqualTo(JourneyOutcome.CONVERTED));
      var ended = ended(test);
      assertThat(ended.cause()).isEqualTo(EventTypes.ORDER_PLACED);
      assertThat(ended.step()).isEqualTo("attribution-window");
      assertThat(ended.lastMessageAt())
          .isCloseTo(Instant.parse("2026-11-24T10:00:00Z"), within(1, ChronoUnit.HOURS));
      assertThat(ended.variants()).containsKey(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT);
      assertThat(test.enrollmentRecords.getFirst()).isInstanceOf(EnrollmentEntered.class);
    }
  }

  @Test
  void withoutAnOrderItCompletesWhenTheWindowAfterTheLastCallCloses() {
    try (var test = new JourneyTestEnvironment()) {
      var journey = AbandonedCarts.enrol(test, AbandonedCartSettings.DEFAULTS);

      assertThat(JourneyTestEnvironment.result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
      var ended = ended(test);
      // five days after the last call at 24h, not at once
      assertThat(ended.at())
          .isCloseTo(Instant.parse("2026-11-29T10:00:00Z"), within(1, ChronoUnit.HOURS));
      assertThat(ended.cause()).isNull();
      assertThat(WorkflowStub.fromTyped(journey).getExecution().getWorkflowId()).isNotBlank();
    }
  }

  @Test
  void aStoreDownForHoursDoesNotFailTheCustomersJourney() {
    try (var test = new JourneyTestEnvironment()) {
      test.enrollmentStoreDown = true;
      var journey = AbandonedCarts.enrol(test, AbandonedCartSettings.DEFAULTS);
      test.env.sleep(Duration.ofDays(3));
      journey.onEvent(order(test.now()));

      assertThat(JourneyTestEnvironment.result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
      assertThat(test.enrollmentRecords).isEmpty();
      assertThat(test.messageKeys()).contains("cart-reminder");
    }
  }

  private static EnrollmentEnded ended(JourneyTestEnvironment test) {
    return test.enrollmentRecords.stream()
        .filter(EnrollmentEnded.class::isInstance)
        .map(EnrollmentEnded.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static CustomerEvent order(Instant at) {
    return new CustomerEvent(
        "e-order", AbandonedCarts.CUSTOMER, EventTypes.ORDER_PLACED, at, Map.of());
  }
}
