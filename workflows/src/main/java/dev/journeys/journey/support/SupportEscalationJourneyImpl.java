package dev.journeys.journey.support;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.event.payload.TicketOpened;
import dev.journeys.event.payload.TicketResolved;
import dev.journeys.handoff.OwnTickets;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Handoff;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** The brief, line by line: see {@link SupportEscalationJourney}. */
public class SupportEscalationJourneyImpl implements SupportEscalationJourney {

  static final Set<String> URGENT_CATEGORIES = Set.of("complaint", "refund", "damaged_order");
  static final Duration AUTOMATED_ANSWER_GRACE = Duration.ofDays(1);
  static final Duration WAIT_FOR_RESOLUTION = Duration.ofDays(7);

  static final Message AUTOMATED_ANSWER = Message.email("support-answer").transactional();

  /**
   * Version 1: one enrollment per ticket. Only this ticket's resolution counts, and a ticket
   * Journeys opened itself (a handoff reported back by the helpdesk) is left alone; version 0 (per
   * customer) took any resolution and handled every ticket.
   */
  static final String PER_TICKET = "support-escalation-per-ticket";

  private final Journey journey = Journey.create();

  /** In version 1: the customer's own ticket, whose resolution also ends the wait for an agent. */
  private Predicate<CustomerEvent> ownTicketResolved = resolved -> false;

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    Map<String, Object> ticket = enrollment.triggerProperties(); // the templates' variables
    TicketOpened opened = enrollment.triggerPayload(TicketOpened.class);
    String category = Objects.requireNonNullElse(opened.category(), "question");
    String subject = Objects.requireNonNullElse(opened.subject(), "Customer request");
    boolean perTicket = Workflow.getVersion(PER_TICKET, Workflow.DEFAULT_VERSION, 1) >= 1;
    Predicate<CustomerEvent> thisTicket = resolved -> true;
    if (perTicket) {
      journey.scopedTo("ticketId");
      String ticketId = opened.ticketId();
      thisTicket =
          resolved ->
              ticketId == null
                  || ticketId.equals(resolved.payload(TicketResolved.class).ticketId());
    }
    Predicate<CustomerEvent> resolvesIt = thisTicket;
    if (perTicket && opened.ticketId() != null) {
      // the helpdesk reports the customer's ticket resolved to this enrollment (it is keyed by
      // it); the handoff ticket's own resolution only reaches it when the event names this ticket
      ownTicketResolved = thisTicket;
    }
    return journey.run(
        enrollment,
        () -> {
          if (perTicket && OwnTickets.openedByJourneys(enrollment.trigger())) {
            // our own handoff, reported back by the helpdesk: a human has it already
            journey.step("opened-by-journeys");
            return;
          }
          journey.step("triage");
          boolean vip = journey.attribute("tier").filter("vip"::equals).isPresent();
          if (URGENT_CATEGORIES.contains(category) || vip) {
            handOffAndWait(Handoff.to(subject).urgent().because(vip ? "vip" : category));
            return;
          }

          journey.send("automated-answer", AUTOMATED_ANSWER.with(ticket));

          journey.step("wait-for-resolution");
          if (journey
              .waitFor(EventTypes.TICKET_RESOLVED, resolvesIt, AUTOMATED_ANSWER_GRACE)
              .isPresent()) {
            return;
          }
          handOffAndWait(Handoff.to(subject).because("unresolved after automated answer"));
        });
  }

  private void handOffAndWait(Handoff handoff) {
    var opened = journey.handOff("human-handoff", handoff);
    journey
        .step("wait-for-agent")
        .waitForEvent(
            EventTypes.TICKET_RESOLVED,
            e ->
                e.is(EventTypes.TICKET_RESOLVED)
                    && (opened.ticketId().equals(e.payload(TicketResolved.class).ticketId())
                        || ownTicketResolved.test(e)),
            WAIT_FOR_RESOLUTION);
  }

  @Override
  public void onEvent(CustomerEvent event) {
    journey.receive(event);
  }

  @Override
  public JourneyState state() {
    return journey.state();
  }
}
