package dev.journeys.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DailyWindowTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final DailyWindow DAYTIME =
      new DailyWindow(LocalTime.of(8, 0), LocalTime.of(21, 0));

  @Test
  void isOpenInsideTheWindowOnTheLocalClock() {
    // 19:59 UTC is 20:59 in Berlin (CET): still open; 20:00 UTC is 21:00: closed
    assertThat(DAYTIME.nextOpening(Instant.parse("2026-11-23T19:59:00Z"), BERLIN)).isEmpty();
    assertThat(DAYTIME.nextOpening(Instant.parse("2026-11-23T20:00:00Z"), BERLIN))
        .contains(Instant.parse("2026-11-24T07:00:00Z"));
  }

  @Test
  void beforeOpeningWaitsForTheSameDayAndAfterClosingForTheNext() {
    assertThat(DAYTIME.nextOpening(Instant.parse("2026-11-23T02:00:00Z"), BERLIN))
        .contains(Instant.parse("2026-11-23T07:00:00Z"));
    // 23:59 local on the 23rd → 08:00 on the 24th, across the day boundary
    assertThat(DAYTIME.nextOpening(Instant.parse("2026-11-23T22:59:00Z"), BERLIN))
        .contains(Instant.parse("2026-11-24T07:00:00Z"));
    // 00:00 local is already the next day: the opening is that same calendar day
    assertThat(DAYTIME.nextOpening(Instant.parse("2026-11-23T23:00:00Z"), BERLIN))
        .contains(Instant.parse("2026-11-24T07:00:00Z"));
  }

  @Test
  void opensAtEightLocalTimeOnTheMorningAfterClocksGoBack() {
    // Berlin leaves summer time on 2026-10-25 at 03:00 CEST → 02:00 CET
    // 22:00 CEST on the 24th is 20:00 UTC; 08:00 CET on the 25th is 07:00 UTC (not 06:00)
    assertThat(DAYTIME.nextOpening(Instant.parse("2026-10-24T20:00:00Z"), BERLIN))
        .contains(Instant.parse("2026-10-25T07:00:00Z"));
  }

  @Test
  void opensAtEightLocalTimeOnTheMorningAfterClocksGoForward() {
    // Berlin enters summer time on 2026-03-29 at 02:00 CET → 03:00 CEST
    // 22:00 CET on the 28th is 21:00 UTC; 08:00 CEST on the 29th is 06:00 UTC (not 07:00)
    assertThat(DAYTIME.nextOpening(Instant.parse("2026-03-28T21:00:00Z"), BERLIN))
        .contains(Instant.parse("2026-03-29T06:00:00Z"));
    // New York springs forward on 2026-03-08: 08:00 EDT is 12:00 UTC
    assertThat(DAYTIME.nextOpening(Instant.parse("2026-03-08T05:00:00Z"), NEW_YORK))
        .contains(Instant.parse("2026-03-08T12:00:00Z"));
  }

  @Test
  void anOpeningInsideTheSpringForwardGapMovesToTheEndOfTheGap() {
    var fromHalfPastTwo = new DailyWindow(LocalTime.of(2, 30), LocalTime.of(21, 0));
    // 01:00 CET on 2026-03-29; 02:30 does not exist that night, 03:30 CEST (01:30 UTC) does
    assertThat(fromHalfPastTwo.nextOpening(Instant.parse("2026-03-29T00:00:00Z"), BERLIN))
        .contains(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void aWindowSpanningMidnightIsOpenOnBothSides() {
    var night = new DailyWindow(LocalTime.of(22, 0), LocalTime.of(6, 0));
    assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
    assertThat(night.contains(LocalTime.of(5, 59))).isTrue();
    assertThat(night.contains(LocalTime.of(6, 0))).isFalse();
    assertThat(night.nextOpening(Instant.parse("2026-11-23T11:00:00Z"), BERLIN))
        .contains(Instant.parse("2026-11-23T21:00:00Z"));
  }
}
