package dev.journeys.journey;

import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The words the Temporal UI shows for a journey: timer and activity summaries and the workflow's
 * current details, so that ops read "wait-for-order 1h" and "send cart-reminder by EMAIL" instead
 * of timer UUIDs. Pure functions of the journey's state (no workflow calls), so they are tested
 * without a worker.
 */
final class Summaries {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);
  private static final String DEFERRED = "deferred:";

  private Summaries() {}

  /**
   * A wait's timer: {@code wait-for-order 1h} for a pause at a step, {@code wait-for-delivery:
   * order_delivered, up to 3d} for an event wait, {@code policy: deferred quiet_hours until 08:00
   * Europe/Berlin} for a send that policy deferred.
   */
  static String timer(
      String step, String waitingFor, Duration timeout, Instant wakeUp, ZoneId zone) {
    if (waitingFor != null && waitingFor.startsWith(DEFERRED)) {
      return "policy: deferred "
          + waitingFor.substring(DEFERRED.length())
          + " until "
          + localTime(wakeUp, wakeUp.minus(timeout), zone);
    }
    if (waitingFor == null || waitingFor.equals("timer")) {
      return step + " " + duration(timeout);
    }
    return step + ": " + waitingFor + ", up to " + duration(timeout);
  }

  /** A send activity: {@code send cart-reminder by EMAIL}, or withheld for the hold-out. */
  static String send(SendRequest request) {
    String verb = request.holdout() ? "hold back " : "send ";
    String summary = verb + request.messageKey() + " by " + request.channel();
    int retry = request.idempotencyKey().lastIndexOf("/retry-");
    return retry < 0
        ? summary
        : summary + " (" + request.idempotencyKey().substring(retry + 1) + ")";
  }

  /** A helpdesk handoff activity. */
  static String handoff(String step) {
    return "hand off to helpdesk at " + step;
  }

  /** {@code 1h}, {@code 90m}, {@code 2d}, {@code 1d 6h}, {@code 45s}: short, as a timer label. */
  static String duration(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return "0s";
    }
    long seconds = d.toSeconds();
    if (seconds == 0) {
      return d.toMillis() + "ms";
    }
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long secs = seconds % 60;
    var out = new StringBuilder();
    if (days > 0) {
      out.append(days).append("d ");
    }
    if (hours > 0) {
      out.append(hours).append("h ");
    }
    if (minutes > 0) {
      out.append(minutes).append("m ");
    }
    if (secs > 0) {
      out.append(secs).append("s ");
    }
    return out.toString().trim();
  }

  /** {@code 08:00 Europe/Berlin} when within a day of {@code from}, else with the day. */
  static String localTime(Instant at, Instant from, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    var format = Duration.between(from, at).compareTo(Duration.ofHours(20)) <= 0 ? TIME : DAY_TIME;
    return format.format(local) + " " + name(zone);
  }

  /** {@code Europe/Berlin}; {@code UTC} rather than {@code Z}. */
  static String name(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** A send outcome as the ledger decided it: {@code sent}, {@code suppressed (opted_out)}. */
  static String decision(SendOutcome outcome) {
    return switch (outcome) {
      case null -> "pending";
      case SendOutcome.Sent s -> "sent";
      case SendOutcome.Suppressed s -> "suppressed (" + s.reason() + ")";
      case SendOutcome.Deferred d -> "deferred (" + d.reason() + " until " + d.until() + ")";
      case SendOutcome.Failed f -> "failed (" + f.reason() + ")";
      case SendOutcome.Uncertain u -> "uncertain (" + u.reason() + ")";
      case SendOutcome.Throttled t -> "throttled (retry after " + duration(t.retryAfter()) + ")";
    };
  }

  /** Why a journey ended: {@code CONVERTED by order_placed at wait-for-order}. */
  static String outcome(JourneyOutcome outcome, String cause, String atStep) {
    return outcome + " by " + (cause == null ? "the journey" : cause) + " at " + atStep;
  }

  /**
   * The workflow's current details, a support note in Markdown (the UI renders it): journey and
   * customer, step, what it waits for until when, messages with their ledger decisions, and the
   * outcome with its cause once it ended.
   */
  static String details(JourneyState state, String endedBecause, ZoneId zone) {
    var out = new StringBuilder();
    out.append("**").append(state.journey()).append("** for customer `");
    out.append(state.customerId()).append("`\n\n");
    if (endedBecause != null) {
      out.append("Outcome: **").append(endedBecause).append("**\n\n");
    } else {
      out.append("Step: **").append(state.step()).append("**");
      if (state.wakeUpAt() != null) {
        out.append(", waiting for ").append(state.waitingFor());
        out.append(", next wake-up ").append(state.wakeUpAt().atZone(zone).format(DAY_TIME));
        out.append(" ").append(name(zone));
      }
      out.append("\n\n");
    }
    if (!state.variants().isEmpty()) {
      out.append("Experiments: ");
      out.append(
          state.variants().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(", ")));
      out.append("\n\n");
    }
    if (state.messages().isEmpty()) {
      out.append("Messages: none yet");
    } else {
      out.append("Messages:\n"); // a blank line before the list: the UI's Markdown wants one
      for (var message : state.messages()) {
        out.append("\n- ").append(message.messageKey()).append(" by ").append(message.channel());
        out.append(" at ").append(message.step()).append(": ");
        out.append(decision(message.outcome()));
      }
    }
    return out.toString();
  }
}
