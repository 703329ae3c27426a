package dev.journeys.channel.helpdesk;

import dev.journeys.handoff.HandoffRequest;
import dev.journeys.journey.JourneyState;

/** The journey so far as plain text an agent reads at a glance, newest facts last. */
final class HandoffContext {

  private HandoffContext() {}

  static String describe(HandoffRequest handoff) {
    var out = new StringBuilder();
    out.append("Handed over by journey '")
        .append(handoff.journey())
        .append("' at step '")
        .append(handoff.step())
        .append("'");
    if (handoff.reason() != null) {
      out.append(" because: ").append(handoff.reason());
    }
    out.append("\n\nCustomer: ").append(handoff.customerId());
    var profile = handoff.profile();
    if (profile != null) {
      out.append("\nTime zone: ")
          .append(profile.timeZone() == null ? "unknown" : profile.timeZone());
      out.append("\nPreferred channel: ")
          .append(profile.preferredChannel() == null ? "none" : profile.preferredChannel());
      profile.attributes().forEach((k, v) -> out.append("\n").append(k).append(": ").append(v));
    }
    out.append("\n\nEvents:");
    for (var event : handoff.events()) {
      out.append("\n- ")
          .append(event.occurredAt())
          .append(" ")
          .append(event.type())
          .append(" ")
          .append(event.properties());
    }
    out.append("\n\nMessages:");
    if (handoff.messages().isEmpty()) {
      out.append("\n- none");
    }
    for (JourneyState.MessageRecord message : handoff.messages()) {
      out.append("\n- ")
          .append(message.messageKey())
          .append(" by ")
          .append(message.channel())
          .append(": ")
          .append(message.outcome());
    }
    return out.toString();
  }
}
