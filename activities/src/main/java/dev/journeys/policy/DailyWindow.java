package dev.journeys.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The hours of each day, on a local clock, during which a message may be sent: from {@code start}
 * (inclusive) to {@code end} (exclusive). A window whose start is after its end spans midnight
 * (22:00 to 06:00); equal start and end mean all day.
 */
public record DailyWindow(LocalTime start, LocalTime end) {

  public boolean contains(LocalTime time) {
    if (start.equals(end)) {
      return true;
    }
    return start.isBefore(end)
        ? !time.isBefore(start) && time.isBefore(end)
        : !time.isBefore(start) || time.isBefore(end);
  }

  /**
   * Empty when {@code now} is inside the window in {@code zone}; otherwise the next instant the
   * window opens. Computed on the local calendar, so a window opening at 08:00 opens at 08:00 local
   * time on both sides of a DST change; an opening time skipped by a spring-forward gap opens at
   * the first valid local time after the gap.
   */
  public Optional<Instant> nextOpening(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    if (contains(local.toLocalTime())) {
      return Optional.empty();
    }
    LocalDate day = local.toLocalDate();
    ZonedDateTime today = ZonedDateTime.of(day, start, zone);
    ZonedDateTime opening =
        today.isAfter(local) ? today : ZonedDateTime.of(day.plusDays(1), start, zone);
    return Optional.of(opening.toInstant());
  }
}
