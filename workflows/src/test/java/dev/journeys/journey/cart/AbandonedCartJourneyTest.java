package dev.journeys.journey.cart;

import static dev.journeys.journey.JourneyTestEnvironment.result;
import static dev.journeys.journey.cart.AbandonedCarts.enrol;
import static dev.journeys.journey.cart.AbandonedCarts.enrollmentId;
import static dev.journeys.journey.cart.AbandonedCarts.order;
import static dev.journeys.journey.cart.AbandonedCarts.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The brief: remind by email after an hour, make a last call a day later (SMS if the customer can
 * get one, else email); an order at any moment ends it as converted. Everyone here is in the SMS
 * arm of the last-call experiment; see {@link AbandonedCartExperimentTest} for the experiment and
 * {@link AbandonedCartHoldoutTest} for its hold-out group.
 */
class AbandonedCartJourneyTest {

  /** The brief's waits, everyone in the SMS arm. */
  private static final AbandonedCartSettings SMS_ARM =
      new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23), 1, 0, 0);

  private final JourneyTestEnvironment test = new JourneyTestEnvironment();

  @AfterEach
  void tearDown() {
    test.close();
  }

  @Test
  void convertsWithoutAnyMessageWhenOrderArrivesWithinTheFirstHour() {
    var journey = enrol(test, SMS_ARM);

    test.env.sleep(Duration.ofMinutes(30));
    journey.onEvent(order());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(test.sent).isEmpty();
  }

  @Test
  void convertsAfterTheReminderWhenOrderArrivesBeforeTheLastCall() {
    var journey = enrol(test, SMS_ARM);

    test.env.sleep(Duration.ofHours(2));
    assertThat(journey.state().step()).isEqualTo("wait-after-reminder");
    journey.onEvent(order());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(requests(test))
        .extracting(SendRequest::messageKey, SendRequest::channel)
        .containsExactly(tuple("cart-reminder", Channel.EMAIL));
  }

  @Test
  void aNewCartWhileItRunsUpdatesItAndTheMessagesShowTheNewestCart() {
    var journey = enrol(test, SMS_ARM);
    test.env.sleep(Duration.ofMinutes(30));

    // re-entry update: the API delivers the new cart to the running enrollment
    journey.onEvent(
        dev.journeys.journey.JourneyTestEnvironment.event(
            "e-cart-2",
            AbandonedCarts.CUSTOMER,
            dev.journeys.event.EventTypes.CART_ABANDONED,
            java.util.Map.of("cartTotal", "84.50")));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests(test))
        .extracting(SendRequest::messageKey, r -> r.data().get("cartTotal"))
        .containsExactly(tuple("cart-reminder", "84.50"), tuple("cart-last-call", "84.50"));
    assertThat(AbandonedCart.DEFINITION.reentry().policy())
        .isEqualTo(dev.journeys.journey.Reentry.update().policy());
  }

  @Test
  void remindsByEmailAfterAnHourThenMakesTheLastCallBySmsADayAfterTheCart() {
    var journey = enrol(test, SMS_ARM);
    Instant abandoned = test.now();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests(test))
        .extracting(SendRequest::messageKey, SendRequest::channel)
        .containsExactly(
            tuple("cart-reminder", Channel.EMAIL), tuple("cart-last-call", Channel.SMS));
    assertThat(test.sent.get(0).at())
        .isBetween(abandoned.plus(Duration.ofHours(1)), abandoned.plus(Duration.ofMinutes(61)));
    assertThat(test.sent.get(1).at())
        .isBetween(abandoned.plus(Duration.ofHours(24)), abandoned.plus(Duration.ofMinutes(1441)));
    assertThat(journey.state().outcome()).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(journey.state().messages()).hasSize(2);
  }

  @Test
  void fallsBackToEmailForTheLastCallWhenTheCustomerHasNoPhone() {
    test.sendBehaviour =
        request ->
            request.channel() == Channel.SMS
                ? new SendOutcome.Suppressed("no_address")
                : new SendOutcome.Sent(Channel.EMAIL, "m-" + request.idempotencyKey());
    var journey = enrol(test, SMS_ARM);

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests(test))
        .extracting(SendRequest::messageKey, SendRequest::channel)
        .containsExactly(
            tuple("cart-reminder", Channel.EMAIL),
            tuple("cart-last-call", Channel.SMS),
            tuple("cart-last-call", Channel.EMAIL));
    assertThat(journey.state().messages().getLast().outcome()).isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void derivesIdempotencyKeysFromTheEnrollmentAndStepNeverFromChance() {
    var journey = enrol(test, SMS_ARM);
    result(journey);

    String enrollment = enrollmentId(journey);
    assertThat(requests(test))
        .extracting(SendRequest::idempotencyKey)
        .containsExactly(enrollment + "/cart-reminder/email", enrollment + "/cart-last-call/sms");
  }

  @Test
  void passesTheCartContentsToTheMessages() {
    var journey = enrol(test, SMS_ARM);
    result(journey);

    assertThat(requests(test))
        .allSatisfy(r -> assertThat(r.data()).containsEntry("cartTotal", "59.90"));
  }

  @Test
  void reportsItsStepAndNextWakeUpWhileWaiting() {
    var journey = enrol(test, SMS_ARM);
    Instant started = test.now();

    test.env.sleep(Duration.ofMinutes(10));

    var state = journey.state();
    assertThat(state.step()).isEqualTo("wait-for-order");
    assertThat(state.waitingFor()).isEqualTo("timer");
    assertThat(state.wakeUpAt())
        .isBetween(started.plus(Duration.ofMinutes(59)), started.plus(Duration.ofMinutes(61)));
    assertThat(state.outcome()).isNull();
  }

  @Test
  void usesConfiguredDelays() {
    var journey =
        enrol(test, new AbandonedCartSettings(Duration.ofSeconds(2), Duration.ofSeconds(3)));

    test.env.sleep(Duration.ofSeconds(2).plusMillis(500));
    assertThat(test.messageKeys()).containsExactly("cart-reminder");
    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
  }
}
