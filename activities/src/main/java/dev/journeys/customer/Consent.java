package dev.journeys.customer;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.time.Instant;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Consent for one channel and topic, with where it came from (api, sms-stop, unsubscribe-link, ...)
 * and when.
 */
@Table("consent")
public record Consent(
    Channel channel, Topic topic, ConsentStatus status, String source, Instant updatedAt) {

  boolean sameAnswerAs(Consent other) {
    return other != null
        && channel == other.channel
        && topic == other.topic
        && status == other.status;
  }
}
