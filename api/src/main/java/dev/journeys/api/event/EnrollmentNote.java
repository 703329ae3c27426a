package dev.journeys.api.event;

import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.JourneyDefinition;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What the Temporal UI shows as an enrollment's summary and details from the start: which journey,
 * which customer, which event enrolled them. Property values stay out (they may be personal data);
 * their names say what the journey was given.
 */
final class EnrollmentNote {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private EnrollmentNote() {}

  /** {@code abandoned-cart for customer c-42, triggered by cart_abandoned}. */
  static String summary(JourneyDefinition journey, CustomerEvent trigger) {
    return journey.name()
        + " for customer "
        + trigger.customerId()
        + ", triggered by "
        + trigger.type();
  }

  /** A Markdown note: the trigger event, how re-entry works, what the journey listens for. */
  static String details(JourneyDefinition journey, CustomerEvent trigger) {
    var out = new StringBuilder();
    out.append("**").append(journey.name()).append("** for customer `");
    out.append(trigger.customerId()).append("`\n\n");
    out.append("Triggered by `").append(trigger.type()).append("` (event `");
    out.append(trigger.eventId()).append("`, occurred ");
    out.append(WHEN.format(trigger.occurredAt())).append(")");
    if (!trigger.properties().isEmpty()) {
      out.append(" with ").append(String.join(", ", new TreeSet<>(trigger.properties().keySet())));
    }
    out.append("\n\n");
    journey
        .enrollmentKeyValue(trigger)
        .ifPresent(
            key ->
                out.append("Enrolled per ")
                    .append(journey.enrollmentKey())
                    .append(" `")
                    .append(key)
                    .append("`\n\n"));
    if (!journey.listensTo().isEmpty()) {
      out.append("Listens for: ").append(String.join(", ", new TreeSet<>(journey.listensTo())));
      out.append("\n\n");
    }
    out.append("Re-entry: ").append(journey.reentry().policy());
    if (journey.reentry().coolDown() != null && !journey.reentry().coolDown().isZero()) {
      out.append(" (cool-down ").append(journey.reentry().coolDown()).append(")");
    }
    return out.toString();
  }
}
