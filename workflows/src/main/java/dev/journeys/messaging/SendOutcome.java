package dev.journeys.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * What became of a send. Journeys branch on it with a {@code switch}:
 *
 * <pre>{@code
 * switch (journey.send(reminder)) {
 *   case SendOutcome.Sent sent -> ...
 *   case SendOutcome.Suppressed s -> ...
 *   case SendOutcome.Deferred d -> ...
 *   case SendOutcome.Failed f -> ...
 *   case SendOutcome.Uncertain u -> ...
 *   case SendOutcome.Throttled t -> ...
 * }
 * }</pre>
 *
 * <p>Sent, Suppressed, Failed and Uncertain are final for the send's idempotency key: asking again
 * returns the same outcome. Deferred and Throttled are not: ask again, with the same request and
 * key, once their time has come.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SendOutcome.Sent.class, name = "sent"),
  @JsonSubTypes.Type(value = SendOutcome.Suppressed.class, name = "suppressed"),
  @JsonSubTypes.Type(value = SendOutcome.Deferred.class, name = "deferred"),
  @JsonSubTypes.Type(value = SendOutcome.Failed.class, name = "failed"),
  @JsonSubTypes.Type(value = SendOutcome.Uncertain.class, name = "uncertain"),
  @JsonSubTypes.Type(value = SendOutcome.Throttled.class, name = "throttled")
})
public sealed interface SendOutcome {

  /** Handed to the provider; {@code providerMessageId} is the provider's own id for it. */
  record Sent(Channel channel, String providerMessageId) implements SendOutcome {}

  /** Not sent, on purpose; {@code reason} is a ledger reason such as {@code opted_out}. */
  record Suppressed(String reason) implements SendOutcome {
    /** The reason for a message withheld from an experiment's hold-out group. */
    public static final String HOLDOUT = "holdout";
  }

  /**
   * Not sent yet: may be sent at {@code until} (quiet hours, contact windows). Asking again with
   * the same key after {@code until} decides again.
   */
  record Deferred(Instant until, String reason) implements SendOutcome {}

  /**
   * The provider refused it for good (bad address, rejected content), or it could not be sent at
   * all on this channel (no provider configured, template error); {@code reason} says which.
   */
  record Failed(Channel channel, String reason) implements SendOutcome {}

  /**
   * Allowed, and an attempt may or may not have reached the provider (the worker died or the
   * provider gave no answer); the channel's delivery semantics say not to send again, so it will
   * not be. The message may or may not arrive: do not send it again on another channel.
   */
  record Uncertain(Channel channel, String reason) implements SendOutcome {}

  /**
   * Over the provider's or the journey's send rate: nothing decided yet. The send holds a slot that
   * is due after {@code retryAfter}; ask again with the same key then (plus a little jitter), and
   * it is decided and sent without waiting for the rate again.
   */
  record Throttled(Channel channel, Duration retryAfter) implements SendOutcome {}
}
