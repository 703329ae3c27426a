package dev.journeys.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.faults.PostgresRestart.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the API's answers while Temporal is down are judged. */
class PostgresRestartTest {

  private static final Instant STOPPED = Instant.parse("2026-11-23T12:00:00Z");
  private static final Instant RESTARTING = STOPPED.plusSeconds(20);

  @Test
  void quick503sDuringTheOutagePass() {
    var probes = List.of(probe(0, 3.5, 503), probe(18.5, 8.0, 503));

    assertThat(PostgresRestart.judgeOutageAnswers(probes, RESTARTING)).isEmpty();
  }

  @Test
  void aProbeAcceptedOnceTemporalWasRestartingPasses() {
    // sent during the outage, the API's retries within its budget met Temporal back
    var probes = List.of(probe(19.2, 4.8, 202));

    assertThat(PostgresRestart.judgeOutageAnswers(probes, RESTARTING)).isEmpty();
  }

  @Test
  void anythingButA503WhileTemporalIsDownIsABreach() {
    var probes = List.of(probe(3, 1, 202), probe(5, 1, 500), probe(7, 1, ApiClient.UNREACHABLE));

    assertThat(PostgresRestart.judgeOutageAnswers(probes, RESTARTING)).hasSize(3);
  }

  @Test
  void anAnswerSlowerThanTenSecondsIsABreachWhateverItSays() {
    var probes =
        List.of(probe(2, 10.5, 503), probe(15, 12, 202), probe(16, 30, ApiClient.TIMED_OUT));

    assertThat(PostgresRestart.judgeOutageAnswers(probes, RESTARTING)).hasSize(3);
  }

  private static Probe probe(double sentAt, double took, int status) {
    Instant start = STOPPED.plusMillis((long) (sentAt * 1000));
    return new Probe(start, start.plus(Duration.ofMillis((long) (took * 1000))), status);
  }
}
