package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.JourneySearchAttributes;
import io.temporal.common.SearchAttributeKey;
import org.junit.jupiter.api.Test;

/**
 * The dev server starts with every attribute a journey upserts. JourneyVariant was missing: under
 * load the worker's registration timed out and every experiment's enrollment failed its workflow
 * task (found by the bench, issue 13).
 */
class DevServerSearchAttributesTest {

  @Test
  void theDevServerRegistersEveryJourneySearchAttribute() {
    assertThat(TemporalDevServer.SEARCH_ATTRIBUTES)
        .containsExactlyInAnyOrderElementsOf(
            JourneySearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList());
  }
}
