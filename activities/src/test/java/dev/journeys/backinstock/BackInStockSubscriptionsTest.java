package dev.journeys.backinstock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Back-in-stock subscriptions and the restock fan-out's paging, on real PostgreSQL. */
@SpringBootTest(classes = JourneyStoreTestApp.class)
class BackInStockSubscriptionsTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired BackInStockSubscriptions store;
  @Autowired BackInStockActivities activities;

  @Test
  void pagesOpenSubscriptionsByCustomerIdAndForgetsNotifiedOnes() {
    IntStream.range(0, 7).forEach(i -> store.subscribe("mug-1", "c-" + i));
    store.subscribe("cup-2", "c-0");

    var first = activities.openSubscriptions("mug-1", null, 3);
    var second = activities.openSubscriptions("mug-1", first.getLast(), 3);
    var third = activities.openSubscriptions("mug-1", second.getLast(), 3);

    assertThat(first).containsExactly("c-0", "c-1", "c-2");
    assertThat(second).containsExactly("c-3", "c-4", "c-5");
    assertThat(third).containsExactly("c-6");

    activities.markNotified("mug-1", first);
    assertThat(activities.openSubscriptions("mug-1", null, 10))
        .containsExactly("c-3", "c-4", "c-5", "c-6");
    assertThat(activities.openSubscriptions("cup-2", null, 10)).containsExactly("c-0");
  }

  @Test
  void subscribingTwiceIsOneSubscriptionAndReopensANotifiedOne() {
    assertThat(store.subscribe("pot-1", "ann")).isTrue();
    assertThat(store.subscribe("pot-1", "ann")).isFalse();
    store.markNotified("pot-1", List.of("ann"));
    assertThat(store.open("pot-1", null, 10)).isEmpty();

    assertThat(store.subscribe("pot-1", "ann")).isTrue();
    assertThat(store.open("pot-1", null, 10)).containsExactly("ann");
  }
}
