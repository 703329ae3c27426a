package dev.journeys.journey.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.journey.JourneyDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded history of a journey in {@link JourneyCatalog} against the current code: a
 * change that would break running enrollments (a new activity call, timer or step order without
 * {@code Workflow.getVersion}) fails the build here, not in production. A history belongs to the
 * journey its file name starts with; it replays with that journey's workflows, built as its
 * definition says (with the settings its {@code Histories} recorded it with, if not the defaults).
 */
class JourneyReplayTest {

  static final Path HISTORIES = RecordJourneyHistories.HISTORIES;

  static Stream<Path> histories() throws IOException {
    return Files.list(HISTORIES).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysDeterministically(Path history) throws Exception {
    String name = history.getFileName().toString().replaceFirst("\\.json$", "");
    JourneyDefinition journey =
        RecordedHistories.journeyOf(name)
            .orElseThrow(() -> new IllegalStateException("no journey replays " + name));

    RecordedHistories.replay(
        Files.readString(history), RecordedHistories.registrationFor(journey, name));
  }

  @Test
  void everyJourneyHasARecordedHistory() throws IOException {
    var names = histories().map(p -> p.getFileName().toString()).toList();

    for (JourneyDefinition journey : JourneyCatalog.all()) {
      assertThat(names)
          .as("histories of " + journey.name())
          .anyMatch(n -> n.startsWith(journey.name() + "-"));
    }
  }
}
