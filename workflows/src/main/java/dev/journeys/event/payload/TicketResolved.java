package dev.journeys.event.payload;

/**
 * {@code ticket_resolved}.
 *
 * @param ticketId the ticket resolved (required: a resolution of no ticket ends nothing)
 */
public record TicketResolved(@Id String ticketId) implements EventPayload, AboutTicket {}
