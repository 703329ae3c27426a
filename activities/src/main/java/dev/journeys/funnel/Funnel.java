package dev.journeys.funnel;

import java.time.Duration;
import java.util.List;

/**
 * A journey's funnel: per version, all enrollments, then per experiment arm (hold-out included).
 *
 * @param attributionWindow a conversion within this long after the enrollment's last message counts
 *     for the journey and for that message's step
 */
public record Funnel(String journey, Duration attributionWindow, List<Group> groups) {

  /**
   * One slice of enrollments: a version, and an experiment's arm or all of them (both null).
   *
   * @param entered enrollments recorded as entered (or ended) in this slice
   * @param running not ended yet
   * @param converted ended by a goal, whenever it came
   * @param attributed converted within the window after the last message (sent or held back)
   */
  public record Group(
      int version,
      String experiment,
      String arm,
      long entered,
      long running,
      long converted,
      long attributed,
      long exited,
      long completed,
      long cancelled,
      List<Stage> steps) {

    /** Conversions per entered enrollment, 0 when none entered. */
    public double conversionRate() {
      return entered == 0 ? 0 : (double) converted / entered;
    }
  }

  /**
   * A step that decides on a message, in the order journeys reach them.
   *
   * @param reached enrollments with a send decision at the step (any status)
   * @param sent enrollments whose message at the step was handed to a provider
   * @param heldBack hold-out enrollments whose message was withheld
   * @param suppressed enrollments whose message a policy suppressed (consent, caps, ...)
   * @param attributed conversions whose last message before them, within the window, was this
   *     step's
   */
  public record Stage(
      String step, long reached, long sent, long heldBack, long suppressed, long attributed) {}
}
