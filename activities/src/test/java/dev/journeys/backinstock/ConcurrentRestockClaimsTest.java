package dev.journeys.backinstock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two restocks of one product fanning out at the same time, on real PostgreSQL: each subscriber is
 * claimed by exactly one of them, so they are told once.
 */
@SpringBootTest(classes = JourneyStoreTestApp.class)
class ConcurrentRestockClaimsTest {

  private static final int SUBSCRIBERS = 300;
  private static final int PAGE = 10;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired BackInStockSubscriptions store;
  @Autowired BackInStockActivities activities;

  @Test
  void twoConcurrentClaimsNeverReturnTheSameSubscriber() throws Exception {
    for (int round = 0; round < 3; round++) {
      String product = "kettle-" + round;
      IntStream.range(0, SUBSCRIBERS).forEach(i -> store.subscribe(product, "c-%03d".formatted(i)));
      var bothReady = new CyclicBarrier(2);

      var first = CompletableFuture.supplyAsync(() -> fanOut(product, "r-1", bothReady));
      var second = CompletableFuture.supplyAsync(() -> fanOut(product, "r-2", bothReady));
      List<String> one = first.get();
      List<String> two = second.get();

      var both = new HashSet<>(one);
      both.retainAll(two);
      assertThat(both).as("subscribers claimed by both restocks of %s", product).isEmpty();
      assertThat(one).doesNotHaveDuplicates();
      assertThat(two).doesNotHaveDuplicates();
      assertThat(one.size() + two.size()).isEqualTo(SUBSCRIBERS);
      assertThat(store.open(product, null, SUBSCRIBERS)).isEmpty();
    }
  }

  @Test
  void aRetriedClaimReturnsItsPageAgainAndNoOtherRestockGetsIt() {
    IntStream.range(0, 5).forEach(i -> store.subscribe("teapot-1", "t-" + i));

    var claimed = activities.claimSubscriptions("teapot-1", "r-1", null, 3);
    var retried = activities.claimSubscriptions("teapot-1", "r-1", null, 3);
    var other = activities.claimSubscriptions("teapot-1", "r-2", null, 10);

    assertThat(claimed).containsExactly("t-0", "t-1", "t-2");
    assertThat(retried).isEqualTo(claimed);
    assertThat(other).containsExactly("t-3", "t-4");
    assertThat(activities.claimSubscriptions("teapot-1", "r-1", "t-2", 3)).isEmpty();
  }

  @Test
  void subscribingAgainAfterAClaimIsToldAtTheNextRestock() {
    store.subscribe("cup-9", "ann");
    assertThat(activities.claimSubscriptions("cup-9", "r-1", null, 10)).containsExactly("ann");

    store.subscribe("cup-9", "ann");

    assertThat(activities.claimSubscriptions("cup-9", "r-2", null, 10)).containsExactly("ann");
  }

  /** What a fan-out does: claims page after page until a short one. */
  private List<String> fanOut(String product, String restockId, CyclicBarrier start) {
    try {
      start.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    List<String> told = new ArrayList<>();
    String after = null;
    while (true) {
      var page = activities.claimSubscriptions(product, restockId, after, PAGE);
      told.addAll(page);
      if (page.size() < PAGE) {
        return told;
      }
      after = page.getLast();
    }
  }
}
