package dev.journeys.journey.cart;

import static dev.journeys.journey.JourneyTestEnvironment.result;
import static dev.journeys.journey.cart.AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT;
import static dev.journeys.journey.cart.AbandonedCarts.enrol;
import static dev.journeys.journey.cart.AbandonedCarts.enrollmentId;
import static dev.journeys.journey.cart.AbandonedCarts.order;
import static dev.journeys.journey.cart.AbandonedCarts.requests;
import static dev.journeys.journey.cart.HeldOutAbandonedCart.EVERYONE_HELD_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The experiment's hold-out group: sent nothing, so the uplift of the whole journey can be
 * measured, but each withheld message is in the ledger at the moment the others get theirs.
 */
class AbandonedCartHoldoutTest {

  private final JourneyTestEnvironment test = new JourneyTestEnvironment();

  @AfterEach
  void tearDown() {
    test.close();
  }

  @Test
  void sendsTheHoldOutGroupNothingButStillCountsTheirOrders() {
    var journey = enrol(test, EVERYONE_HELD_OUT);

    test.env.sleep(Duration.ofHours(10));
    assertThat(journey.state().step()).isEqualTo("holdout");
    journey.onEvent(order());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(requests(test)).isNotEmpty().allMatch(SendRequest::holdout);
    assertThat(journey.state().variants()).containsEntry(LAST_CALL_EXPERIMENT, "holdout");
  }

  @Test
  void recordsEachMessageWithheldFromTheHoldOutGroupWhenTheOthersGetIt() {
    var journey = enrol(test, EVERYONE_HELD_OUT);
    Instant started = test.now();

    test.env.sleep(Duration.ofMinutes(61));
    assertThat(requests(test))
        .extracting(SendRequest::messageKey, SendRequest::channel, SendRequest::holdout)
        .containsExactly(tuple("cart-reminder", Channel.EMAIL, true));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    String enrollment = enrollmentId(journey);
    // one request per withheld message, on its first channel only, keyed like a real send
    assertThat(requests(test))
        .extracting(SendRequest::idempotencyKey, SendRequest::holdout)
        .containsExactly(
            tuple(enrollment + "/cart-reminder/email", true),
            tuple(enrollment + "/cart-last-call/sms", true));
    assertThat(journey.state().messages())
        .extracting(JourneyState.MessageRecord::outcome)
        .containsOnly(new SendOutcome.Suppressed("holdout"));
    assertThat(journey.state().step()).isEqualTo("completed");
    assertThat(test.now()).isAfterOrEqualTo(started.plus(Duration.ofHours(24)));
  }

  @Test
  void withholdsNothingMoreOnceAHeldOutCustomerOrders() {
    var journey = enrol(test, EVERYONE_HELD_OUT);

    test.env.sleep(Duration.ofHours(2));
    journey.onEvent(order());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(requests(test))
        .extracting(SendRequest::messageKey, SendRequest::holdout)
        .containsExactly(tuple("cart-reminder", true));
  }

  @Test
  void theHoldOutGroupStaysHeldOutAfterADecision() {
    test.decisions.put(LAST_CALL_EXPERIMENT, "email");
    var journey = enrol(test, EVERYONE_HELD_OUT);

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests(test)).hasSize(2).allMatch(SendRequest::holdout);
    assertThat(journey.state().variants()).containsEntry(LAST_CALL_EXPERIMENT, "holdout");
  }
}
