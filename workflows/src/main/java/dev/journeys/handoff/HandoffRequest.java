package dev.journeys.handoff;

import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.JourneyState;
import java.util.List;
import java.util.Objects;

/**
 * Everything a support agent needs to pick up where the journey left off.
 *
 * @param idempotencyKey from the enrollment and step: a retried request must not open a second
 *     ticket
 * @param priority {@code low}, {@code normal}, {@code high} or {@code urgent}
 * @param reason why the journey hands off, e.g. {@code complaint} or {@code delivery delayed}
 * @param events the customer events the journey received, oldest first
 * @param messages what the journey sent so far, and what became of it
 * @param profile the customer's profile summary
 * @param workflowId the enrollment's workflow, which waits for the ticket's resolution (null from a
 *     journey that ran before it was sent)
 */
public record HandoffRequest(
    String idempotencyKey,
    String customerId,
    String journey,
    String step,
    String subject,
    String priority,
    String reason,
    List<CustomerEvent> events,
    List<JourneyState.MessageRecord> messages,
    CustomerProfile profile,
    String workflowId) {

  public HandoffRequest {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(subject, "subject");
    priority = priority == null ? "normal" : priority;
    events = events == null ? List.of() : List.copyOf(events);
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  /** A request that does not name the enrollment's workflow. */
  public HandoffRequest(
      String idempotencyKey,
      String customerId,
      String journey,
      String step,
      String subject,
      String priority,
      String reason,
      List<CustomerEvent> events,
      List<JourneyState.MessageRecord> messages,
      CustomerProfile profile) {
    this(
        idempotencyKey,
        customerId,
        journey,
        step,
        subject,
        priority,
        reason,
        events,
        messages,
        profile,
        null);
  }
}
