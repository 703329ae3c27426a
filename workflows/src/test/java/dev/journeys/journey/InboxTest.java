package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.event.CustomerEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InboxTest {

  private final Inbox inbox = new Inbox(Set.of("order_placed"));

  @Test
  void aGoalEventEndsTheJourneyAsConverted() {
    inbox.enrolled(event("t", "cart_abandoned"));
    inbox.receive(event("o", "order_placed"));

    assertThat(inbox.ended()).isTrue();
    assertThatThrownBy(inbox::checkEnded)
        .isInstanceOfSatisfying(
            JourneyEnded.class,
            ended -> {
              assertThat(ended.outcome).isEqualTo(JourneyOutcome.CONVERTED);
              assertThat(ended.event.eventId()).isEqualTo("o");
            });
  }

  @Test
  void anExitEventEndsItAsExitedAndTheFirstEndingEventWins() {
    inbox.exitOn(List.of("unsubscribed"));
    inbox.enrolled(event("t", "cart_abandoned"));
    inbox.receive(event("u", "unsubscribed"));
    inbox.receive(event("o", "order_placed"));

    assertThatThrownBy(inbox::checkEnded)
        .isInstanceOfSatisfying(
            JourneyEnded.class,
            ended -> assertThat(ended.outcome).isEqualTo(JourneyOutcome.EXITED));
  }

  @Test
  void theTriggerIsNeverAGoalEvenWithAGoalsType() {
    var trigger = event("t", "order_placed");
    inbox.enrolled(trigger);
    inbox.receive(trigger);

    assertThat(inbox.ended()).isFalse();
    assertThat(inbox.isTrigger(trigger)).isTrue();
    inbox.checkEnded();
  }

  @Test
  void keepsEachEventIdOnceInArrivalOrder() {
    inbox.enrolled(null);
    inbox.receive(event("a", "page_viewed"));
    inbox.receive(event("b", "page_viewed"));
    inbox.receive(event("a", "page_viewed"));

    assertThat(inbox.events()).extracting(CustomerEvent::eventId).containsExactly("a", "b");
    assertThat(inbox.first(1, e -> true)).map(CustomerEvent::eventId).contains("b");
    assertThat(inbox.first(2, e -> true)).isEmpty();
  }

  @Test
  void aScopedJourneyEndsOnlyOnItsOwnEntityOrOnEventsAboutNone() {
    var perOrder = new Inbox(Set.of());
    perOrder.exitOn(List.of("order_delivered", "unsubscribed"));
    perOrder.scopedTo("orderId");
    perOrder.enrolled(event("t", "delivery_delayed", Map.of("orderId", "o-1")));

    perOrder.receive(event("d2", "order_delivered", Map.of("orderId", "o-2")));
    assertThat(perOrder.ended()).isFalse();
    perOrder.receive(event("d1", "order_delivered", Map.of("orderId", "o-1")));
    assertThat(perOrder.ended()).isTrue();

    var other = new Inbox(Set.of());
    other.exitOn(List.of("unsubscribed"));
    other.scopedTo("orderId");
    other.enrolled(event("t", "delivery_delayed", Map.of("orderId", 7)));
    assertThat(other.inScope(event("x", "order_delivered", Map.of("orderId", "7")))).isTrue();
    other.receive(event("u", "unsubscribed"));
    assertThat(other.ended()).isTrue();
  }

  @Test
  void theLatestEventOfATypeIsTheNewestUpdate() {
    var trigger = event("t", "cart_abandoned", Map.of("cartId", "c1"));
    inbox.enrolled(trigger);
    inbox.receive(trigger);
    assertThat(inbox.latest("cart_abandoned")).contains(trigger);

    inbox.receive(event("u", "cart_abandoned", Map.of("cartId", "c2")));
    inbox.receive(event("p", "page_viewed"));
    assertThat(inbox.latest("cart_abandoned")).map(CustomerEvent::eventId).contains("u");
    assertThat(inbox.latest("order_placed")).isEmpty();
  }

  @Test
  void eventsThatCameBeforeTheEnrollmentAreJudgedWithItsTriggerAndScope() {
    var early = new Inbox(Set.of("order_delivered"));
    early.scopedTo("orderId");
    var trigger = event("t", "order_delivered", Map.of("orderId", "o-1"));
    early.receive(trigger);
    early.receive(event("d2", "order_delivered", Map.of("orderId", "o-2")));
    early.enrolled(trigger);

    assertThat(early.ended()).isFalse();
  }

  private static CustomerEvent event(String id, String type, Map<String, Object> properties) {
    return new CustomerEvent(id, "c-1", type, Instant.EPOCH, properties);
  }

  private static CustomerEvent event(String id, String type) {
    return new CustomerEvent(id, "c-1", type, Instant.EPOCH, Map.of());
  }
}
