package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.cart.AbandonedCartJourney;
import dev.journeys.journey.cart.AbandonedCartJourneyImpl;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A send deferred by policy (quiet hours) waits on a durable timer and is asked again. */
class JourneyDeferralTest {

  private static final String CUSTOMER = "c-night";
  private static final Duration NIGHT = Duration.ofHours(8);

  private JourneyTestEnvironment test;

  @BeforeEach
  void setUp() {
    test = new JourneyTestEnvironment();
    test.worker.registerWorkflowImplementationTypes(AbandonedCartJourneyImpl.class);
    test.start();
  }

  @AfterEach
  void tearDown() {
    test.close();
  }

  @Test
  void sleepsUntilTheDeferralEndsAndAsksAgainUnderTheSameKey() {
    List<Instant> until = new ArrayList<>();
    test.sendBehaviour =
        request -> {
          if (request.messageKey().equals("cart-reminder") && until.isEmpty()) {
            until.add(test.now().plus(NIGHT));
            return new SendOutcome.Deferred(until.getFirst(), "quiet_hours");
          }
          return new SendOutcome.Sent(request.channel(), "p-" + request.idempotencyKey());
        };
    var journey = start();

    assertThat(JourneyTestEnvironment.result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys())
        .containsExactly("cart-reminder", "cart-reminder", "cart-last-call");
    List<SendRequest> requests =
        test.sent.stream().map(JourneyTestEnvironment.SentAt::request).toList();
    // the same key: the ledger's deferred row is decided again, never a second row beside it
    assertThat(requests.get(1).idempotencyKey()).isEqualTo(requests.get(0).idempotencyKey());
    assertThat(test.sent.get(1).at()).isAfterOrEqualTo(until.getFirst());
    assertThat(journey.state().messages().getFirst().outcome())
        .isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void anOrderWhileDeferredEndsTheJourneyWithoutTheRetry() {
    test.sendBehaviour = request -> new SendOutcome.Deferred(test.now().plus(NIGHT), "quiet_hours");
    var journey = start();

    test.env.sleep(Duration.ofHours(2));
    assertThat(journey.state().waitingFor()).isEqualTo("deferred:quiet_hours");
    journey.onEvent(
        JourneyTestEnvironment.event("e-order", CUSTOMER, EventTypes.ORDER_PLACED, Map.of()));

    assertThat(JourneyTestEnvironment.result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(test.sent).hasSize(1);
  }

  private AbandonedCartJourney start() {
    return test.enrol(
        AbandonedCartJourney.class,
        JourneyCatalog.ABANDONED_CART,
        JourneyTestEnvironment.event(
            "e-cart", CUSTOMER, EventTypes.CART_ABANDONED, Map.of("cartTotal", "59.90")));
  }
}
