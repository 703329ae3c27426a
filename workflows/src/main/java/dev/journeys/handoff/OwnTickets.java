package dev.journeys.handoff;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.payload.TicketOpened;

/**
 * Tickets Journeys opened itself: a handoff's ticket carries the tag {@value #TAG} (see the
 * helpdesk channel). When the helpdesk reports it back as {@code ticket_opened}, no journey may
 * treat it as the customer asking for help, or a handoff would cause the next one.
 */
public final class OwnTickets {

  /** The tag every handoff ticket carries. */
  public static final String TAG = "journeys";

  private OwnTickets() {}

  /** True when the event's {@code tags} (a list, or a comma-separated text) contain the tag. */
  public static boolean openedByJourneys(CustomerEvent event) {
    return event.payload(TicketOpened.class).tags().contains(TAG);
  }
}
