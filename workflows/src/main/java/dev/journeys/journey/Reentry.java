package dev.journeys.journey;

import java.time.Duration;
import java.util.Objects;

/**
 * What a trigger event does when the customer is, or recently was, in the journey.
 *
 * @param coolDown for {@link Policy#AFTER_COOL_DOWN}: how long after the last enrollment ended a
 *     new one may start; zero otherwise
 */
public record Reentry(Policy policy, Duration coolDown) {

  /** The choices a journey designer has. */
  public enum Policy {
    /** A trigger while an enrollment runs is only delivered to it; afterwards it starts anew. */
    IGNORE_WHILE_RUNNING,
    /** A trigger ends the running enrollment and starts a fresh one. */
    RESTART,
    /**
     * A trigger is delivered to the running enrollment as an update (it reads the newest with
     * {@code Journey.latest(type)}, e.g. the last call shows the newest cart); afterwards it starts
     * anew.
     */
    UPDATE,
    /** As IGNORE_WHILE_RUNNING, and no new enrollment until the cool-down has passed. */
    AFTER_COOL_DOWN
  }

  public Reentry {
    Objects.requireNonNull(policy, "policy");
    coolDown = coolDown == null ? Duration.ZERO : coolDown;
    if (coolDown.isNegative()) {
      throw new IllegalArgumentException("coolDown must not be negative");
    }
  }

  public static Reentry ignoreWhileRunning() {
    return new Reentry(Policy.IGNORE_WHILE_RUNNING, Duration.ZERO);
  }

  public static Reentry restart() {
    return new Reentry(Policy.RESTART, Duration.ZERO);
  }

  public static Reentry update() {
    return new Reentry(Policy.UPDATE, Duration.ZERO);
  }

  public static Reentry afterCoolDown(Duration coolDown) {
    return new Reentry(Policy.AFTER_COOL_DOWN, coolDown);
  }
}
