package dev.journeys.event.payload;

import java.util.List;

/**
 * {@code ticket_opened}.
 *
 * @param ticketId the helpdesk's ticket; support-escalation enrols once per ticket
 * @param orderId the order the customer asks about, if any (delivery-delayed hands off only then)
 * @param category e.g. {@code complaint}, {@code refund}, {@code damaged_order} (urgent), {@code
 *     question} (the default)
 * @param subject the ticket's subject, used for a handoff
 * @param tags a list of texts or one comma-separated text; {@code journeys} marks a ticket Journeys
 *     opened itself
 */
public record TicketOpened(
    @Id String ticketId, @Id String orderId, String category, String subject, List<String> tags)
    implements EventPayload, AboutTicket, AboutOrder {

  public TicketOpened {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
