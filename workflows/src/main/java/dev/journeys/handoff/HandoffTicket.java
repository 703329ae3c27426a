package dev.journeys.handoff;

/** The helpdesk's ticket for a handoff; {@code ticketId} is the helpdesk's own id. */
public record HandoffTicket(String ticketId) {}
