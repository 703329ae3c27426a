package dev.journeys.journey;

import java.util.Objects;

/**
 * A handoff to a human, as a journey declares it:
 *
 * <pre>{@code
 * journey.handOff(Handoff.to("Complaint about order 123").urgent().because("complaint"));
 * }</pre>
 */
public record Handoff(String subject, String priority, String reason) {

  public Handoff {
    Objects.requireNonNull(subject, "a handoff needs a subject");
    priority = priority == null ? "normal" : priority;
  }

  public static Handoff to(String subject) {
    return new Handoff(subject, "normal", null);
  }

  public Handoff urgent() {
    return new Handoff(subject, "urgent", reason);
  }

  public Handoff high() {
    return new Handoff(subject, "high", reason);
  }

  public Handoff because(String why) {
    return new Handoff(subject, priority, why);
  }
}
