package dev.journeys.journey.cart;

import java.time.Duration;

/**
 * The abandoned cart with every customer in the hold-out group: the implementation that records and
 * replays histories of the hold-out branch (the replayer needs a no-argument constructor).
 */
public class HeldOutAbandonedCart extends AbandonedCartJourneyImpl {

  public static final AbandonedCartSettings EVERYONE_HELD_OUT =
      new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23), 1, 1, 100);

  public HeldOutAbandonedCart() {
    super(EVERYONE_HELD_OUT);
  }
}
