package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WaitsTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void theNextLocalTimeIsLaterTodayOrTomorrow() {
    var monday9 = Instant.parse("2026-11-23T14:00:00Z").atZone(NEW_YORK); // 09:00 in New York

    assertThat(Waits.nextLocal(monday9, LocalTime.of(10, 0)))
        .isEqualTo(Instant.parse("2026-11-23T15:00:00Z"));
    assertThat(Waits.nextLocal(monday9, LocalTime.of(9, 0)))
        .isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
  }

  @Test
  void theNextLocalTimeOnAWeekdayWaitsForThatDay() {
    var monday9 = Instant.parse("2026-11-23T14:00:00Z").atZone(NEW_YORK);

    assertThat(Waits.nextLocal(monday9, LocalTime.of(10, 0), DayOfWeek.SATURDAY))
        .isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));
  }
}
