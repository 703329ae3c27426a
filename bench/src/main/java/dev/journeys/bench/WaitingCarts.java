package dev.journeys.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code --timers} phase: many abandoned carts left waiting on their reminder timers, loaded
 * through the API as a shop's backend would send them (one {@code cart_abandoned} event per {@code
 * POST /v1/events}, from concurrent clients), with progress lines and a time limit. What is waiting
 * afterwards is counted by the server (a visibility count and a sample of histories), not taken
 * from the loader's tally.
 */
final class WaitingCarts {

  private static final String RUNNING_CARTS =
      "Journey='abandoned-cart' AND ExecutionStatus='Running'";
  private static final int ATTEMPTS = 6;

  /** What the load came to. */
  record Loaded(
      int created, int failed, double seconds, boolean stoppedByLimit, int[] createdItems) {
    double perSecond() {
      return created / seconds;
    }
  }

  /** What the server says is waiting. */
  record Waiting(long runningCarts, int sampled, int sampledWaitingOnTimer, String sampleNote) {}

  private final JourneysApi api;
  private final WorkflowClient client;
  private final String prefix;

  WaitingCarts(JourneysApi api, WorkflowClient client, String prefix) {
    this.api = api;
    this.client = client;
    this.prefix = prefix;
  }

  static String customerId(String prefix, int i) {
    return prefix + "-" + i;
  }

  long runningCarts() {
    return client.countWorkflows(RUNNING_CARTS).getCount();
  }

  /**
   * Posts up to {@code total} events with {@code clients} concurrent clients, stopping (after the
   * requests under way) once {@code limit} has passed. A failed post (a 503 when the dev server
   * cannot keep up) is retried with backoff, as a sender would, up to {@link #ATTEMPTS} times;
   * every retry keeps its eventId, so the API delivers it once.
   */
  Loaded load(int total, int clients, Duration limit) {
    var next = new AtomicInteger();
    var created = new AtomicInteger();
    var failed = new AtomicInteger();
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    var createdItems = new ConcurrentLinkedQueue<Integer>();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    var progress = Executors.newSingleThreadScheduledExecutor();
    int[] lastCreated = {0};
    progress.scheduleAtFixedRate(
        () -> {
          int now = created.get();
          double elapsed = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              Locale.ROOT,
              "  %5.0f s: %d created (%.1f/s overall, %.1f/s last 30 s), %d failed; load %s%n",
              elapsed,
              now,
              now / elapsed,
              (now - lastCreated[0]) / 30.0,
              failed.get(),
              Machine.loadAverage());
          lastCreated[0] = now;
        },
        30,
        30,
        TimeUnit.SECONDS);
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        pool.submit(
            () -> {
              for (int i = next.getAndIncrement();
                  i < total && System.nanoTime() < deadline;
                  i = next.getAndIncrement()) {
                if (post(i, errors)) {
                  created.incrementAndGet();
                  createdItems.add(i);
                } else {
                  failed.incrementAndGet();
                }
              }
            });
      }
    } finally {
      progress.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!errors.isEmpty()) {
      System.out.printf(
          "  %d failed attempts (%d items failed after retries), e.g. %s%n",
          errors.size(), failed.get(), errors.get(0));
    }
    return new Loaded(
        created.get(),
        failed.get(),
        seconds,
        created.get() + failed.get() < total,
        createdItems.stream().mapToInt(Integer::intValue).toArray());
  }

  private boolean post(int i, List<String> errors) {
    String customer = customerId(prefix, i);
    for (int attempt = 1; ; attempt++) {
      try {
        api.postEvent("e-" + customer, customer, "cart_abandoned", "{\"cartTotal\": \"59.90\"}");
        return true;
      } catch (RuntimeException e) {
        errors.add(e.getMessage());
        if (attempt == ATTEMPTS) {
          return false;
        }
        Bench.sleep(Duration.ofSeconds(Math.min(8, 1L << (attempt - 1))));
      }
    }
  }

  /**
   * Waits until the server's count of running carts reaches {@code expected} or stops growing for a
   * minute (visibility lags the starts under load), then checks a random sample of the loaded carts
   * by their histories: running, a timer started and not fired.
   */
  Waiting count(long expected, int[] loaded, int sampleSize) {
    long count = runningCarts();
    long seen = -1;
    long quietSince = System.nanoTime();
    while (count < expected) {
      if (count != seen) {
        seen = count;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > 60e9) {
        break;
      }
      Bench.sleep(Duration.ofSeconds(5));
      count = runningCarts();
    }
    var random = new Random(42);
    int sampled = 0;
    int waiting = 0;
    List<String> odd = new ArrayList<>();
    for (int k = 0; k < Math.min(sampleSize, loaded.length); k++) {
      String workflowId =
          "journey/abandoned-cart/" + customerId(prefix, loaded[random.nextInt(loaded.length)]);
      sampled++;
      try {
        if (waitsOnTimer(workflowId)) {
          waiting++;
        } else if (odd.size() < 3) {
          odd.add(workflowId);
        }
      } catch (RuntimeException e) {
        if (odd.size() < 3) {
          odd.add(workflowId + " (" + e.getClass().getSimpleName() + ")");
        }
      }
    }
    return new Waiting(count, sampled, waiting, odd.isEmpty() ? "" : "not waiting, e.g. " + odd);
  }

  private boolean waitsOnTimer(String workflowId) {
    var status =
        client
            .newUntypedWorkflowStub(workflowId)
            .describe()
            .getRawDescription()
            .getWorkflowExecutionInfo()
            .getStatus();
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return false;
    }
    int started = 0;
    int ended = 0;
    for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED) {
        started++;
      } else if (event.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED
          || event.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED) {
        ended++;
      }
    }
    return started > ended;
  }
}
