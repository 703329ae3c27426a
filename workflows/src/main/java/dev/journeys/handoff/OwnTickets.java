package dev.journeys.handoff;

import dev.journeys.event.CustomerEvent;
import java.util.Collection;
import java.util.List;

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
    Object tags = event.properties().get("tags");
    Collection<?> values =
        switch (tags) {
          case null -> List.of();
          case Collection<?> list -> list;
          default -> List.of(String.valueOf(tags).split(","));
        };
    return values.stream().anyMatch(tag -> TAG.equals(String.valueOf(tag).strip()));
  }
}
