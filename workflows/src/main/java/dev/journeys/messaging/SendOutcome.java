package dev.journeys.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
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
 * }
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SendOutcome.Sent.class, name = "sent"),
  @JsonSubTypes.Type(value = SendOutcome.Suppressed.class, name = "suppressed"),
  @JsonSubTypes.Type(value = SendOutcome.Deferred.class, name = "deferred"),
  @JsonSubTypes.Type(value = SendOutcome.Failed.class, name = "failed")
})
public sealed interface SendOutcome {

  /** Handed to the provider; {@code providerMessageId} is the provider's own id for it. */
  record Sent(Channel channel, String providerMessageId) implements SendOutcome {}

  /** Not sent, on purpose; {@code reason} is a ledger reason such as {@code opted_out}. */
  record Suppressed(String reason) implements SendOutcome {
    /** The reason for a message withheld from an experiment's hold-out group. */
    public static final String HOLDOUT = "holdout";
  }

  /** Not sent yet: may be sent at {@code until} (quiet hours, contact windows). */
  record Deferred(Instant until, String reason) implements SendOutcome {}

  /** The provider refused it for good (bad address, rejected content). */
  record Failed(Channel channel, String reason) implements SendOutcome {}
}
