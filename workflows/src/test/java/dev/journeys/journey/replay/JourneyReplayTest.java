package dev.journeys.journey.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.cart.AbandonedCartJourneyImpl;
import dev.journeys.journey.delivery.DeliveryDelayedJourneyImpl;
import dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl;
import dev.journeys.journey.support.SupportEscalationJourneyImpl;
import dev.journeys.journey.welcome.WelcomeSeriesJourneyImpl;
import dev.journeys.journey.winback.WinBackJourneyImpl;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded history of a built-in journey against the current code: a change that
 * would break running enrollments (a new activity call, timer or step order without {@code
 * Workflow.getVersion}) fails the build here, not in production.
 */
class JourneyReplayTest {

  /** Which implementation replays a history, by the history file's name prefix. */
  static final Map<String, Class<?>> IMPLEMENTATIONS =
      Map.of(
          "abandoned-cart", AbandonedCartJourneyImpl.class,
          "abandoned-cart-holdout", dev.journeys.journey.cart.HeldOutAbandonedCart.class,
          "welcome-series", WelcomeSeriesJourneyImpl.class,
          "post-purchase", PostPurchaseJourneyImpl.class,
          "win-back", WinBackJourneyImpl.class,
          "delivery-delayed", DeliveryDelayedJourneyImpl.class,
          "support-escalation", SupportEscalationJourneyImpl.class,
          "back-in-stock", dev.journeys.journey.backinstock.BackInStockJourneyImpl.class);

  static Stream<Path> histories() throws IOException {
    return Files.list(RecordJourneyHistories.HISTORIES)
        .filter(p -> p.toString().endsWith(".json"))
        .sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysDeterministically(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(Files.readString(history), implementationOf(history));
  }

  @Test
  void everyBuiltInJourneyHasARecordedHistory() throws IOException {
    var names = histories().map(p -> p.getFileName().toString()).toList();

    for (String journey : IMPLEMENTATIONS.keySet()) {
      assertThat(names).as("histories of " + journey).anyMatch(n -> n.startsWith(journey));
    }
  }

  private static Class<?> implementationOf(Path history) {
    String name = history.getFileName().toString();
    // the longest prefix wins: abandoned-cart-holdout-* replays with everyone held out
    return IMPLEMENTATIONS.entrySet().stream()
        .filter(e -> name.startsWith(e.getKey()))
        .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
        .map(Map.Entry::getValue)
        .orElseThrow(() -> new IllegalStateException("no journey replays " + name));
  }
}
