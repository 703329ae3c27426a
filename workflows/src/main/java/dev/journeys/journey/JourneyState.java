package dev.journeys.journey;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A journey's answer to "where are you?", returned by the {@code state} query.
 *
 * @param waitingFor what the journey is blocked on, e.g. {@code timer} or {@code order_placed};
 *     null while it is not waiting
 * @param wakeUpAt when the current wait times out; null while not waiting
 * @param outcome null while running
 * @param variants the customer's arm per experiment the journey has consulted
 * @param handoffs the handoffs the journey made (in this run), with their tickets
 */
public record JourneyState(
    String journey,
    String customerId,
    String step,
    String waitingFor,
    Instant wakeUpAt,
    List<MessageRecord> messages,
    JourneyOutcome outcome,
    Map<String, String> variants,
    List<HandoffRecord> handoffs) {

  public JourneyState {
    handoffs = handoffs == null ? List.of() : List.copyOf(handoffs);
  }

  /** A state without handoffs. */
  public JourneyState(
      String journey,
      String customerId,
      String step,
      String waitingFor,
      Instant wakeUpAt,
      List<MessageRecord> messages,
      JourneyOutcome outcome,
      Map<String, String> variants) {
    this(journey, customerId, step, waitingFor, wakeUpAt, messages, outcome, variants, List.of());
  }

  /**
   * A handoff the journey made: the helpdesk's ticket, or null when it failed for good (no ticket).
   */
  public record HandoffRecord(String step, String ticketId) {}

  /** A message the journey asked for, and what became of it. */
  public record MessageRecord(
      String step, String messageKey, Channel channel, SendOutcome outcome) {}
}
