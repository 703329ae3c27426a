package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.event.CustomerEvent;
import dev.journeys.messaging.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendsTest {

  @Test
  void triesThePreferredChannelFirstThenTheMessagesOwn() {
    var message = Message.firstAllowed(Channel.EMAIL, Channel.SMS).key("order-shipped");

    assertThat(Sends.preferring(message, Channel.SMS).channels())
        .containsExactly(Channel.SMS, Channel.EMAIL);
    assertThat(Sends.preferring(message, Channel.WHATSAPP).channels())
        .containsExactly(Channel.WHATSAPP, Channel.EMAIL, Channel.SMS);
    assertThat(Sends.preferring(message, null)).isSameAs(message);
  }

  @Test
  void summarisesADigestsEventsInOrder() {
    var events =
        List.of(
            new CustomerEvent("a", "c-1", "price_dropped", Instant.EPOCH, Map.of("sku", "a")),
            new CustomerEvent("b", "c-1", "price_dropped", Instant.EPOCH, Map.of("sku", "b")));

    assertThat(Sends.summaryOf(events))
        .containsEntry("count", 2)
        .containsEntry("items", List.of(Map.of("sku", "a"), Map.of("sku", "b")));
  }
}
