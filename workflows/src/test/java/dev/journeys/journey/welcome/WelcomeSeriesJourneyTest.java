package dev.journeys.journey.welcome;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyTestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WelcomeSeriesJourneyTest {

  private static final String CUSTOMER = "new-1";
  private static final Instant SIGN_UP = Instant.parse("2026-11-23T10:00:00Z");
  private final JourneyTestEnvironment test = new JourneyTestEnvironment(SIGN_UP);

  @AfterEach
  void tearDown() {
    test.close();
  }

  private WelcomeSeriesJourney signUp() {
    test.worker.registerWorkflowImplementationTypes(WelcomeSeriesJourneyImpl.class);
    test.start();
    return test.enrol(
        WelcomeSeriesJourney.class,
        JourneyCatalog.WELCOME_SERIES,
        event("e-signup", CUSTOMER, EventTypes.CUSTOMER_SIGNED_UP, Map.of()));
  }

  @Test
  void welcomesThenSendsTipsAfterTwoDaysAndANudgeOnDayFive() {
    var journey = signUp();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys())
        .containsExactly("welcome", "welcome-tips", "first-purchase-nudge");
    assertThat(test.sent.get(0).at()).isBefore(SIGN_UP.plusSeconds(5));
    assertThat(test.sent.get(1).at())
        .isBetween(
            SIGN_UP.plus(Duration.ofDays(2)), SIGN_UP.plus(Duration.ofDays(2)).plusSeconds(5));
    assertThat(test.sent.get(2).at())
        .isBetween(
            SIGN_UP.plus(Duration.ofDays(5)), SIGN_UP.plus(Duration.ofDays(5)).plusSeconds(5));
  }

  @Test
  void skipsTheNudgeWhenTheCustomerHasBought() {
    var journey = signUp();
    test.env.sleep(Duration.ofDays(3));
    assertThat(journey.state().step()).isEqualTo("wait-for-first-purchase");

    journey.onEvent(event("e-order", CUSTOMER, EventTypes.ORDER_PLACED, Map.of()));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(test.messageKeys()).containsExactly("welcome", "welcome-tips");
  }

  @Test
  void aPurchaseBeforeTheTipsStillGetsTheTipsButNoNudge() {
    var journey = signUp();
    test.env.sleep(Duration.ofDays(1));

    journey.onEvent(event("e-order", CUSTOMER, EventTypes.ORDER_PLACED, Map.of()));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(test.messageKeys()).containsExactly("welcome", "welcome-tips");
  }

  @Test
  void unsubscribingEndsTheSeries() {
    var journey = signUp();
    test.env.sleep(Duration.ofDays(1));

    journey.onEvent(event("e-unsub", CUSTOMER, EventTypes.UNSUBSCRIBED, Map.of()));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.EXITED);
    assertThat(test.messageKeys()).containsExactly("welcome");
  }
}
