package dev.journeys.event.payload;

/** A payload that names the helpdesk ticket it is about (or none: {@code ticketId} is null). */
public interface AboutTicket {

  String ticketId();
}
