package dev.journeys.journey.cart;

import static dev.journeys.journey.JourneyTestEnvironment.result;
import static dev.journeys.journey.cart.AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT;
import static dev.journeys.journey.cart.AbandonedCarts.CUSTOMER;
import static dev.journeys.journey.cart.AbandonedCarts.enrol;
import static dev.journeys.journey.cart.AbandonedCarts.enrollmentId;
import static dev.journeys.journey.cart.AbandonedCarts.order;
import static dev.journeys.journey.cart.AbandonedCarts.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.experiment.ExperimentOutcome;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The last-call experiment ({@link LastCallChannel}): SMS or email, assigned per customer, recorded
 * on the enrollment, decided without a redeploy, and each outcome attributed to its arm.
 */
class AbandonedCartExperimentTest {

  private final JourneyTestEnvironment test = new JourneyTestEnvironment();

  @AfterEach
  void tearDown() {
    test.close();
  }

  @Test
  void makesTheLastCallByEmailForCustomersInTheEmailArm() {
    var journey =
        enrol(test, new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23), 0, 1, 0));

    assertCompletesWithTheLastCallByEmail(journey);
  }

  @Test
  void recordsTheArmOfTheLastCallExperimentOnTheEnrollment() {
    var journey = enrol(test, AbandonedCartSettings.DEFAULTS);
    test.env.sleep(Duration.ofMinutes(1));

    String arm = AbandonedCartSettings.DEFAULTS.lastCallExperiment().assign(CUSTOMER);
    assertThat(journey.state().variants()).containsExactly(Map.entry(LAST_CALL_EXPERIMENT, arm));
    assertThat(
            test.client()
                .newUntypedWorkflowStub(JourneyCatalog.ABANDONED_CART.workflowId(CUSTOMER))
                .describe()
                .getTypedSearchAttributes()
                .get(JourneySearchAttributes.JOURNEY_VARIANT))
        .isEqualTo(LAST_CALL_EXPERIMENT + "=" + arm);
  }

  @Test
  void sendsEveryoneTheWinningChannelOnceTheExperimentIsDecided() {
    // c-42 is in the SMS arm by the split; the experiment was decided for email
    assertThat(AbandonedCartSettings.DEFAULTS.lastCallExperiment().assign(CUSTOMER))
        .isEqualTo("sms");
    test.decisions.put(LAST_CALL_EXPERIMENT, "email");
    var journey = enrol(test, AbandonedCartSettings.DEFAULTS);

    assertCompletesWithTheLastCallByEmail(journey);
  }

  @Test
  void ignoresADecisionForAnArmTheExperimentDoesNotHave() {
    test.decisions.put(LAST_CALL_EXPERIMENT, "carrier-pigeon");
    var journey = enrol(test, AbandonedCartSettings.DEFAULTS);

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests(test).getLast().channel()).isEqualTo(Channel.SMS);
  }

  @Test
  void recordsTheOutcomePerVariantSoConversionsAreAttributed() {
    var journey = enrol(test, AbandonedCartSettings.DEFAULTS);
    test.env.sleep(Duration.ofHours(2));
    journey.onEvent(order());
    result(journey);

    assertThat(test.experimentOutcomes)
        .containsExactly(
            new ExperimentOutcome(
                LAST_CALL_EXPERIMENT, "sms", enrollmentId(journey), JourneyOutcome.CONVERTED));
  }

  /** The journey completes, both messages went by email, and the email arm is on record. */
  private void assertCompletesWithTheLastCallByEmail(AbandonedCartJourney journey) {
    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests(test))
        .extracting(SendRequest::messageKey, SendRequest::channel)
        .containsExactly(
            tuple("cart-reminder", Channel.EMAIL), tuple("cart-last-call", Channel.EMAIL));
    assertThat(journey.state().variants()).containsEntry(LAST_CALL_EXPERIMENT, "email");
  }
}
