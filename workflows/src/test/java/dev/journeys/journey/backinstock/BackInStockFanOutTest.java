package dev.journeys.journey.backinstock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.backinstock.BackInStockActivities;
import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackInStockFanOutTest {

  private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
  private final JourneyTestEnvironment test = new JourneyTestEnvironment(START);
  private final FakeSubscriptions subscriptions = new FakeSubscriptions();

  @AfterEach
  void tearDown() {
    test.close();
  }

  @Test
  void tellsEverySubscriberOncePageByPageAtTheConfiguredPace() {
    IntStream.range(0, 250).forEach(i -> subscriptions.subscribe("tea-1", "c-%03d".formatted(i)));
    subscriptions.subscribe("coffee-1", "c-900");
    test.profiles.put("c-007", new CustomerProfile("c-007", null, Channel.SMS, Map.of()));
    start(new BackInStockSettings(100, 50));

    var fanOut = restock("r-1");
    var first = WorkflowStub.fromTyped(fanOut).getExecution();
    var latest = test.client().newUntypedWorkflowStub(first.getWorkflowId());

    assertThat(latest.getResult(Long.class)).isEqualTo(250L);
    awaitSends(250);
    var customers = sentRequests().stream().map(SendRequest::customerId).toList();
    assertThat(customers).hasSize(250).doesNotHaveDuplicates().doesNotContain("c-900");
    assertThat(sentRequests()).allMatch(r -> r.messageKey().equals("back-in-stock"));
    assertThat(sentRequests().getFirst().data()).containsEntry("productName", "Green tea");
    assertThat(sentRequests().stream().filter(r -> r.customerId().equals("c-007")))
        .extracting(SendRequest::channel)
        .containsExactly(Channel.SMS);
    // never more than a page in memory, one continue-as-new per full page
    assertThat(subscriptions.largestPage.get()).isEqualTo(100);
    // every page is claimed in one step: no read-then-mark window for a second restock
    assertThat(subscriptions.unclaimedReads.get()).isZero();
    assertThat(status(first.getWorkflowId(), first.getRunId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    // 250 sends at 50 per second take at least 5 seconds
    assertThat(test.now()).isAfterOrEqualTo(START.plusSeconds(5));
    assertThat(subscriptions.open("tea-1")).isEmpty();
    assertThat(subscriptions.open("coffee-1")).containsExactly("c-900");
  }

  @Test
  void aLaterRestockDoesNotTellTheSameSubscribersAgain() {
    IntStream.range(0, 5).forEach(i -> subscriptions.subscribe("tea-1", "c-" + i));
    start(new BackInStockSettings(2, 50));

    assertThat(WorkflowStub.fromTyped(restock("r-1")).getResult(Long.class)).isNotNull();
    assertThat(
            test.client()
                .newUntypedWorkflowStub(
                    BackInStockFanOut.workflowId(new Restock("r-1", "tea-1", null)))
                .getResult(Long.class))
        .isEqualTo(5L);
    awaitSends(5);
    subscriptions.subscribe("tea-1", "c-new");

    var again = restock("r-2");
    assertThat(
            test.client()
                .newUntypedWorkflowStub(
                    WorkflowStub.fromTyped(again).getExecution().getWorkflowId())
                .getResult(Long.class))
        .isEqualTo(1L);
    awaitSends(6);
    assertThat(sentRequests().getLast().customerId()).isEqualTo("c-new");
  }

  private void start(BackInStockSettings settings) {
    test.worker.registerWorkflowImplementationFactory(
        BackInStockFanOut.class, () -> new BackInStockFanOutImpl(settings));
    test.worker.registerWorkflowImplementationTypes(BackInStockJourneyImpl.class);
    test.start(subscriptions);
  }

  private BackInStockFanOut restock(String restockId) {
    var restock = new Restock(restockId, "tea-1", "Green tea");
    var stub =
        test.client()
            .newWorkflowStub(
                BackInStockFanOut.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                    .setWorkflowId(BackInStockFanOut.workflowId(restock))
                    .build());
    WorkflowClient.start(stub::run, restock);
    return stub;
  }

  /** Waits for every notification the fan-out started to finish (they outlive its runs). */
  private void awaitSends(int count) {
    var ids =
        subscriptions.byProduct.get("tea-1").keySet().stream()
            .flatMap(
                c ->
                    List.of("r-1", "r-2").stream()
                        .map(r -> JourneyCatalog.BACK_IN_STOCK.workflowId(c) + "/tea-1/" + r))
            .toList();
    for (String id : ids) {
      try {
        test.client()
            .newUntypedWorkflowStub(id)
            .getResult(dev.journeys.journey.JourneyOutcome.class);
      } catch (io.temporal.client.WorkflowNotFoundException notStarted) {
        // that customer was not part of this restock
      }
    }
    assertThat(test.sent).hasSize(count);
  }

  private List<SendRequest> sentRequests() {
    synchronized (test.sent) {
      return test.sent.stream().map(JourneyTestEnvironment.SentAt::request).toList();
    }
  }

  private WorkflowExecutionStatus status(String workflowId, String runId) {
    return test.client()
        .newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty())
        .describe()
        .getStatus();
  }

  /** Subscriptions as the store keeps them, paged by customer id. */
  static final class FakeSubscriptions implements BackInStockActivities {
    final Map<String, ConcurrentSkipListMap<String, Boolean>> byProduct =
        new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger largestPage = new AtomicInteger();
    final AtomicInteger unclaimedReads = new AtomicInteger();
    private boolean claiming;

    void subscribe(String product, String customer) {
      byProduct.computeIfAbsent(product, p -> new ConcurrentSkipListMap<>()).put(customer, false);
    }

    List<String> open(String product) {
      return byProduct.get(product).entrySet().stream()
          .filter(e -> !e.getValue())
          .map(Map.Entry::getKey)
          .collect(Collectors.toList());
    }

    @Override
    public List<String> openSubscriptions(String productId, String afterCustomerId, int limit) {
      var all = byProduct.getOrDefault(productId, new ConcurrentSkipListMap<>());
      var tail = afterCustomerId == null ? all : all.tailMap(afterCustomerId, false);
      var page = new ArrayList<String>();
      for (var e : tail.entrySet()) {
        if (page.size() == limit) {
          break;
        }
        if (!e.getValue()) {
          page.add(e.getKey());
        }
      }
      largestPage.accumulateAndGet(page.size(), Math::max);
      if (!claiming) {
        unclaimedReads.incrementAndGet();
      }
      return page;
    }

    @Override
    public void markNotified(String productId, List<String> customerIds) {
      customerIds.forEach(c -> byProduct.get(productId).put(c, true));
    }

    /** Atomic here by a lock; the store claims with one UPDATE … RETURNING. */
    @Override
    public synchronized List<String> claimSubscriptions(
        String productId, String restockId, String afterCustomerId, int limit) {
      claiming = true;
      try {
        var page = openSubscriptions(productId, afterCustomerId, limit);
        markNotified(productId, page);
        return page;
      } finally {
        claiming = false;
      }
    }
  }
}
