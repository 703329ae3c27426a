package dev.journeys.journey;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message a journey sends: what content, on which channel(s), about which topic.
 *
 * <pre>{@code
 * static final Message REMINDER = Message.email("cart-reminder").marketing();
 * static final Message LAST_CALL = Message.firstAllowed(SMS, EMAIL).key("cart-last-call");
 * }</pre>
 *
 * @param step the journey step that sends it; defaults to the message key. Part of the send's
 *     idempotency key, so two sends of one enrollment need different steps (a loop's iterations are
 *     numbered automatically).
 * @param expiresAt optional deadline: if policy defers the send past it (quiet hours, contact
 *     windows), it is skipped with reason {@code expired} instead
 */
public record Message(
    String key,
    List<Channel> channels,
    Topic topic,
    String step,
    Map<String, Object> data,
    java.time.Instant expiresAt) {

  /** A message without a deadline. */
  public Message(
      String key, List<Channel> channels, Topic topic, String step, Map<String, Object> data) {
    this(key, channels, topic, step, data, null);
  }

  public Message {
    Objects.requireNonNull(key, "a message needs a key (the content to send)");
    if (channels == null || channels.isEmpty()) {
      throw new IllegalArgumentException("message '" + key + "' names no channel");
    }
    channels = List.copyOf(channels);
    topic = topic == null ? Topic.MARKETING : topic;
    step = step == null ? key : step;
    data = dev.journeys.messaging.Payloads.copy(data);
  }

  /** An email with the content {@code key}; marketing unless said otherwise. */
  public static Message email(String key) {
    return new Message(key, List.of(Channel.EMAIL), null, null, null);
  }

  /** An SMS with the content {@code key}; marketing unless said otherwise. */
  public static Message sms(String key) {
    return new Message(key, List.of(Channel.SMS), null, null, null);
  }

  /** Starts a message sent on the first of these channels that policy allows; name it with key. */
  public static Fallback firstAllowed(Channel first, Channel... rest) {
    var channels = new java.util.ArrayList<Channel>();
    channels.add(first);
    channels.addAll(List.of(rest));
    return new Fallback(List.copyOf(channels));
  }

  /** The channels of a fallback message, waiting for its content key. */
  public record Fallback(List<Channel> channels) {
    public Message key(String key) {
      return new Message(key, channels, null, null, null);
    }
  }

  public Message transactional() {
    return new Message(key, channels, Topic.TRANSACTIONAL, step, data, expiresAt);
  }

  public Message marketing() {
    return new Message(key, channels, Topic.MARKETING, step, data, expiresAt);
  }

  public Message atStep(String stepName) {
    return new Message(key, channels, topic, stepName, data, expiresAt);
  }

  public Message with(Map<String, Object> moreData) {
    var merged = new java.util.HashMap<>(data);
    merged.putAll(moreData);
    return new Message(key, channels, topic, step, merged, expiresAt);
  }

  /** The same message about another topic, e.g. {@code Topic.BACK_IN_STOCK}. */
  public Message about(Topic otherTopic) {
    return new Message(key, channels, otherTopic, step, data, expiresAt);
  }

  /**
   * The same message with a deadline, e.g. a cart reminder pointless after a day: {@code
   * REMINDER.expiresAt(Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(ofDays(1)))}.
   */
  public Message expiresAt(java.time.Instant deadline) {
    return new Message(key, channels, topic, step, data, deadline);
  }
}
