package dev.journeys.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {

  @Test
  void marketingNeedsAGrant() {
    assertThat(ConsentRules.allows(with(), Channel.EMAIL, Topic.MARKETING)).isFalse();
    assertThat(
            ConsentRules.allows(
                with(grant(Channel.EMAIL, Topic.MARKETING)), Channel.EMAIL, Topic.MARKETING))
        .isTrue();
    assertThat(
            ConsentRules.allows(
                with(grant(Channel.EMAIL, Topic.MARKETING)), Channel.SMS, Topic.MARKETING))
        .isFalse();
  }

  @Test
  void marketingConsentCoversPromotionalSubTopicsUnlessTheCustomerOptedOutOfOne() {
    var customer = with(grant(Channel.EMAIL, Topic.MARKETING), deny(Channel.EMAIL, Topic.REVIEWS));

    assertThat(ConsentRules.allows(customer, Channel.EMAIL, Topic.BACK_IN_STOCK)).isTrue();
    assertThat(ConsentRules.allows(customer, Channel.EMAIL, Topic.REVIEWS)).isFalse();
  }

  @Test
  void optingOutOfMarketingStopsEveryPromotionalTopicButNotTransactional() {
    var customer =
        with(grant(Channel.SMS, Topic.BACK_IN_STOCK), deny(Channel.SMS, Topic.MARKETING));

    assertThat(ConsentRules.allows(customer, Channel.SMS, Topic.BACK_IN_STOCK)).isFalse();
    assertThat(ConsentRules.allows(customer, Channel.SMS, Topic.TRANSACTIONAL)).isTrue();
  }

  @Test
  void transactionalNeedsNoConsentButHonoursAHardOptOut() {
    assertThat(ConsentRules.allows(with(), Channel.SMS, Topic.TRANSACTIONAL)).isTrue();
    assertThat(
            ConsentRules.allows(
                with(deny(Channel.SMS, Topic.TRANSACTIONAL)), Channel.SMS, Topic.TRANSACTIONAL))
        .isFalse();
  }

  private static Customer with(Consent... consents) {
    return new Customer(
        "c", "c@shop.test", "+15551234567", "UTC", "en", "C", Set.of(consents), null);
  }

  private static Consent grant(Channel channel, Topic topic) {
    return new Consent(channel, topic, ConsentStatus.GRANTED, "test", null);
  }

  private static Consent deny(Channel channel, Topic topic) {
    return new Consent(channel, topic, ConsentStatus.DENIED, "test", null);
  }
}
