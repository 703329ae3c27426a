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

  private static CustomerEvent event(String id, String type) {
    return new CustomerEvent(id, "c-1", type, Instant.EPOCH, Map.of());
  }
}
