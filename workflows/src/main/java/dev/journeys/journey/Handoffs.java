package dev.journeys.journey;

import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.event.payload.TicketResolved;
import dev.journeys.handoff.HandoffActivities;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.handoff.HandoffTicket;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Handoffs to a human: a helpdesk ticket carrying the journey's whole context (events, messages and
 * their outcomes, the profile), one per step however often it is retried, and the wait for the
 * helpdesk to report it resolved.
 */
final class Handoffs {

  /** What a handoff that failed for good returns: no ticket, nothing to wait for. */
  static final HandoffTicket NO_TICKET = new HandoffTicket(null);

  /**
   * Version 1: a handoff is not raced against goals and exits. It completes, is recorded in the
   * journey's state, and then a goal or exit that came meanwhile ends the journey; version 0
   * abandoned the call on a goal (TRY_CANCEL), while the helpdesk might still open the ticket, so
   * that the helpdesk and the state disagreed.
   */
  static final String HANDOFF_COMPLETES = "handoff-completes";

  private static final Logger log = Workflow.getLogger(Handoffs.class);

  private final List<JourneyState.HandoffRecord> records = new java.util.ArrayList<>();

  private final SummarizedActivities<HandoffActivities> helpdesk;
  private final Inbox inbox;
  private final Waits waits;
  private final StepKeys keys;
  private final Supplier<List<JourneyState.MessageRecord>> messages;
  private final Supplier<CustomerProfile> profile;

  Handoffs(
      SummarizedActivities<HandoffActivities> helpdesk,
      Inbox inbox,
      Waits waits,
      StepKeys keys,
      Supplier<List<JourneyState.MessageRecord>> messages,
      Supplier<CustomerProfile> profile) {
    this.helpdesk = helpdesk;
    this.inbox = inbox;
    this.waits = waits;
    this.keys = keys;
    this.messages = messages;
    this.profile = profile;
  }

  HandoffTicket handOff(Enrollment enrollment, String step, Handoff handoff) {
    inbox.checkEnded();
    var request =
        new HandoffRequest(
            keys.next("handoff:" + step, step) + "/handoff",
            enrollment.customerId(),
            enrollment.journey(),
            step,
            handoff.subject(),
            handoff.priority(),
            handoff.reason(),
            inbox.events(),
            messages.get(),
            profile.get(),
            // the helpdesk reports the ticket resolved by its id alone: the API finds this
            // enrollment by it (an activity argument, not a command: replay is unaffected)
            Workflow.getInfo().getWorkflowId());
    if (Workflow.getVersion(HANDOFF_COMPLETES, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return open(step, request, true);
    }
    HandoffTicket ticket = open(step, request, false);
    records.add(new JourneyState.HandoffRecord(step, ticket.ticketId()));
    // a goal or exit that came while the ticket was being opened ends the journey now, recorded
    inbox.checkEnded();
    return ticket;
  }

  /** Handoffs made so far in this run, each with its ticket (a live view). */
  List<JourneyState.HandoffRecord> records() {
    return records;
  }

  private HandoffTicket open(String step, HandoffRequest request, boolean raced) {
    try {
      var stub = helpdesk.summarized(Summaries.handoff(step));
      if (!raced) {
        return stub.openTicket(request);
      }
      return inbox.race(() -> Async.function(stub::openTicket, request));
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure cancelled) {
        throw cancelled; // the workflow was cancelled: Journey records CANCELLED
      }
      if (Workflow.getVersion(Profiles.ACTIVITY_FAILURES, Workflow.DEFAULT_VERSION, 1)
          == Workflow.DEFAULT_VERSION) {
        throw failure;
      }
      // retries are unbounded, so this failed for good (e.g. refused): the journey goes on
      log.warn("handoff {} failed, going on without a ticket: {}", step, failure.getMessage());
      return NO_TICKET;
    }
  }

  /** A {@code ticket_resolved} event whose {@code ticketId} is the ticket's, or empty. */
  Optional<CustomerEvent> awaitResolution(HandoffTicket ticket, Duration timeout) {
    if (ticket.ticketId() == null) {
      return Optional.empty(); // no ticket was opened: nobody will resolve it
    }
    return waits.forEvent(
        EventTypes.TICKET_RESOLVED,
        e ->
            e.is(EventTypes.TICKET_RESOLVED)
                && ticket.ticketId().equals(e.payload(TicketResolved.class).ticketId()),
        timeout);
  }
}
