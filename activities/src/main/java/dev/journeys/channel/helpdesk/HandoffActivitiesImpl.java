package dev.journeys.channel.helpdesk;

import dev.journeys.handoff.HandoffActivities;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.handoff.HandoffTicket;
import dev.journeys.handoff.HandoffTickets;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Opens handoff tickets in the configured helpdesk. Without one, the handoff goes to the support
 * mailbox ({@link HelpdeskFallback}), and the ledger says so.
 */
public class HandoffActivitiesImpl implements HandoffActivities {

  private final Optional<HttpHelpdesk> helpdesk;
  private final Optional<HelpdeskFallback> fallback;
  private final Optional<HandoffTickets> tickets;

  /**
   * @param tickets where each ticket's enrollment is recorded, so that its resolution reaches it
   */
  public HandoffActivitiesImpl(
      Optional<HttpHelpdesk> helpdesk,
      Optional<HelpdeskFallback> fallback,
      Optional<HandoffTickets> tickets) {
    this.helpdesk = helpdesk;
    this.fallback = fallback;
    this.tickets = tickets;
  }

  public HandoffActivitiesImpl(
      Optional<HttpHelpdesk> helpdesk, Optional<HelpdeskFallback> fallback) {
    this(helpdesk, fallback, Optional.empty());
  }

  /** Without a fallback: a handoff without a helpdesk fails at once, naming the setting. */
  public HandoffActivitiesImpl(Optional<HttpHelpdesk> helpdesk) {
    this(helpdesk, Optional.empty());
  }

  /**
   * Opens the ticket and records which enrollment opened it before answering: a failure to record
   * fails the attempt, and the retry gets the same ticket (idempotency key) and records it.
   */
  @Override
  public HandoffTicket openTicket(HandoffRequest request) {
    HandoffTicket ticket = open(request);
    if (tickets.isPresent() && request.workflowId() != null && ticket.ticketId() != null) {
      tickets
          .get()
          .opened(request.customerId(), ticket.ticketId(), request.workflowId(), request.journey());
    }
    return ticket;
  }

  private HandoffTicket open(HandoffRequest request) {
    if (helpdesk.isPresent()) {
      return new HandoffTicket(helpdesk.get().openTicket(request));
    }
    return fallback
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no helpdesk configured: set journeys.channels.helpdesk.base-url",
                    "HelpdeskNotConfigured"))
        .openTicket(request);
  }
}
