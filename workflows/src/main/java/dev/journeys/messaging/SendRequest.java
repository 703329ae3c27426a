package dev.journeys.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message a journey wants delivered.
 *
 * @param idempotencyKey derived from the enrollment and the step, never random: the ledger and
 *     providers use it so that retries and replays never send twice
 * @param channel the one channel to try; fallback across channels is the journey's business, so
 *     that the ledger shows every channel tried and why it was passed over
 * @param messageKey names the content (template) to render, e.g. {@code cart-reminder}
 * @param data variables for the content, besides the customer's profile
 * @param expiresAt optional deadline: a send decided after it (e.g. deferred past it by quiet
 *     hours) is skipped with reason {@code expired}
 * @param holdout the customer is in an experiment's hold-out group: nothing is sent, and the ledger
 *     records the message as suppressed with reason {@code holdout}, so support can say why it
 *     never came
 */
public record SendRequest(
    String idempotencyKey,
    String customerId,
    String journey,
    String step,
    Channel channel,
    Topic topic,
    String messageKey,
    Map<String, Object> data,
    Instant expiresAt,
    boolean holdout) {

  /** A request to send (not held out). */
  public SendRequest(
      String idempotencyKey,
      String customerId,
      String journey,
      String step,
      Channel channel,
      Topic topic,
      String messageKey,
      Map<String, Object> data,
      Instant expiresAt) {
    this(
        idempotencyKey,
        customerId,
        journey,
        step,
        channel,
        topic,
        messageKey,
        data,
        expiresAt,
        false);
  }

  /** A request without a deadline. */
  public SendRequest(
      String idempotencyKey,
      String customerId,
      String journey,
      String step,
      Channel channel,
      Topic topic,
      String messageKey,
      Map<String, Object> data) {
    this(idempotencyKey, customerId, journey, step, channel, topic, messageKey, data, null);
  }

  /** The same request under another idempotency key, e.g. a retry after a deferral. */
  public SendRequest withIdempotencyKey(String key) {
    return new SendRequest(
        key, customerId, journey, step, channel, topic, messageKey, data, expiresAt, holdout);
  }

  /** The same request, withheld from a hold-out customer: recorded, never sent. */
  public SendRequest heldOut() {
    return new SendRequest(
        idempotencyKey,
        customerId,
        journey,
        step,
        channel,
        topic,
        messageKey,
        data,
        expiresAt,
        true);
  }

  public SendRequest {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(messageKey, "messageKey");
    Objects.requireNonNull(channel, "channel");
    data = Payloads.copy(data);
  }
}
