package dev.journeys.journey;

import java.time.LocalTime;
import java.util.Objects;

/**
 * The hours of the customer's own day in which a journey likes to send, e.g. 09:00 to 20:00. {@link
 * Journey#pauseUntilSendWindow()} waits for the next one to open.
 */
public record SendWindow(LocalTime opens, LocalTime closes) {

  public static final SendWindow DAYTIME = new SendWindow(LocalTime.of(9, 0), LocalTime.of(20, 0));

  public SendWindow {
    Objects.requireNonNull(opens, "opens");
    Objects.requireNonNull(closes, "closes");
    if (!opens.isBefore(closes)) {
      throw new IllegalArgumentException("a send window must open before it closes");
    }
  }

  public boolean contains(LocalTime time) {
    return !time.isBefore(opens) && time.isBefore(closes);
  }
}
