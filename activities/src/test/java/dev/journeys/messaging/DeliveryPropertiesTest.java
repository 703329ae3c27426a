package dev.journeys.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code journeys.delivery-semantics} as a shop writes it in YAML. */
class DeliveryPropertiesTest {

  @Test
  void defaultsToAtLeastOnceForTransactionalAndAtMostOnceForPromotional() {
    var semantics = bind(Map.of());

    assertThat(semantics.of(Channel.SMS, Topic.TRANSACTIONAL))
        .isEqualTo(DeliverySemantics.AT_LEAST_ONCE);
    assertThat(semantics.of(Channel.SMS, Topic.MARKETING))
        .isEqualTo(DeliverySemantics.AT_MOST_ONCE);
    assertThat(semantics.of(Channel.EMAIL, Topic.REVIEWS))
        .isEqualTo(DeliverySemantics.AT_MOST_ONCE);
    assertThat(semantics.leaseMargin()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void aChannelOverridesOneTopicKindAndKeepsTheDefaultForTheOther() {
    var semantics =
        bind(
            Map.of(
                "journeys.delivery-semantics.channels.webhook.promotional", "at-least-once",
                "journeys.delivery-semantics.channels.sms.transactional", "at-most-once",
                "journeys.delivery-semantics.promotional", "at-most-once"));

    assertThat(semantics.of(Channel.WEBHOOK, Topic.MARKETING))
        .isEqualTo(DeliverySemantics.AT_LEAST_ONCE);
    assertThat(semantics.of(Channel.WEBHOOK, Topic.TRANSACTIONAL))
        .isEqualTo(DeliverySemantics.AT_LEAST_ONCE);
    assertThat(semantics.of(Channel.SMS, Topic.TRANSACTIONAL))
        .isEqualTo(DeliverySemantics.AT_MOST_ONCE);
    assertThat(semantics.of(Channel.EMAIL, Topic.MARKETING))
        .isEqualTo(DeliverySemantics.AT_MOST_ONCE);
  }

  private static DeliveryProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("journeys.delivery-semantics", DeliveryProperties.class);
  }
}
