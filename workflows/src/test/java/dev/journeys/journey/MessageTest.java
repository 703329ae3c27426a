package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.messaging.Topic;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {

  @Test
  void keepsItsDeadlineThroughEveryRefinement() {
    Instant deadline = Instant.parse("2026-11-24T10:00:00Z");

    var message =
        Message.email("cart-reminder")
            .expiresAt(deadline)
            .transactional()
            .marketing()
            .about(Topic.BACK_IN_STOCK)
            .atStep("reminder-2")
            .with(Map.of("sku", "A-1"));

    assertThat(message.expiresAt()).isEqualTo(deadline);
    assertThat(message.topic()).isEqualTo(Topic.BACK_IN_STOCK);
    assertThat(message.step()).isEqualTo("reminder-2");
    assertThat(Message.email("cart-reminder").expiresAt()).isNull();
  }
}
