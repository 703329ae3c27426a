package dev.journeys.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.bench.bare.BareSendWorkflow;
import dev.journeys.bench.bare.BareTimerWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.IntConsumer;

/**
 * The benchmark: Journeys against bare Temporal on the same dev server, back to back in one run,
 * each figure measured for the baseline first and then for Journeys. Prints the settings, each
 * figure with its ratio and target, and last the headline ratio (ingest rate, Journeys over bare).
 * See bench/README.md.
 */
public final class Bench {

  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
  static final int PROBE_SIGNUPS = 40;

  private final BenchStack stack;
  private final BenchOptions options;
  private final JourneysApi api;
  private final String run;
  private final List<Row> rows = new ArrayList<>();
  private List<String> timersSummary = List.of();

  /** Throughput rows per worker count, when --workers names more than one. */
  private final java.util.Map<Integer, List<Row>> scaling = new java.util.LinkedHashMap<>();

  /** One line of the result table. */
  private static final ObjectMapper JSON = new ObjectMapper();

  record Row(String figure, double bare, double journeys, String unit, String target) {}

  private Bench(BenchStack stack, BenchOptions options, String run) {
    this.stack = stack;
    this.options = options;
    this.api = new JourneysApi(stack.apiBaseUrl());
    this.run = run;
  }

  public static void main(String[] args) throws IOException {
    var options = BenchOptions.parse(args);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path dir = Path.of("bench", "target", "run-" + stamp).toAbsolutePath();
    Files.createDirectories(dir);
    long began = System.nanoTime();
    System.out.println("== Journeys bench " + Instant.now());
    Machine.describe(options).forEach(line -> System.out.println("  " + line));
    System.out.println("  state and logs: " + dir);
    int exit;
    try (var stack = BenchStack.start(dir, options)) {
      System.out.printf(
          "  stack up after %.0f s; load average %s%n",
          (System.nanoTime() - began) / 1e9, Machine.loadAverage());
      var bench = new Bench(stack, options, stamp.substring(9));
      bench.runAll();
      bench.report(began);
      exit = 0;
    } catch (RuntimeException e) {
      e.printStackTrace();
      exit = 1;
    }
    System.exit(exit);
  }

  private void runAll() {
    warmUp();
    if (options.only().equals("timers")) {
      timersOnly();
      return;
    }
    burst();
    batch();
    double saturated = sendRate();
    fixedRate(options.rate() > 0 ? options.rate() : Math.max(1, Math.floor(saturated / 2)));
    if (options.timers() > 0) {
      timers();
    }
    histories();
    if (options.workers().size() > 1) {
      // the first count again, right before adding workers: the control for the same database
      // state, and a measure of how much the figures move between two measurements
      options.workers().forEach(this::scalingStep);
    }
  }

  /** Throughput with {@code n} worker processes on each side: warm-up, burst, saturated sends. */
  private void scalingStep(int n) {
    phase("scaling: " + n + " worker process(es) on each side");
    stack.workers().scaleTo(n);
    var step = new Bench(stack, options, run + "w" + n);
    step.warmUp();
    step.burst();
    step.sendRate();
    scaling.put(n, step.rows);
  }

  // ---- phases ----

  private void warmUp() {
    int n = options.warmup();
    phase("warm-up: " + n + " starts each side, not measured");
    var bare =
        Load.closedLoop(
            n, 8, i -> bareStart(BareTimerWorkflow.TYPE, "bare-warm-" + run + "-" + i, "c"));
    var journeys = Load.closedLoop(n, 8, i -> cartEvent("warm-" + run + "-" + i));
    awaitTimer("bare-warm-" + run + "-" + bare.lastItem());
    awaitTimer(cartWorkflow("warm-" + run + "-" + journeys.lastItem()));
    settle();
  }

  /** Ingest rate and the lag of the last enrollment's first workflow task after a burst. */
  private void burst() {
    int n = options.events();
    int c = options.clients();
    phase("burst: " + n + " starts, " + c + " concurrent clients");
    var cpu = CpuShares.take(stack);
    var bare =
        Load.closedLoop(
            n, c, i -> bareStart(BareTimerWorkflow.TYPE, "bare-cart-" + run + "-" + i, "c" + i));
    System.out.println("  bare ingest " + CpuShares.since(cpu, stack));
    failures("bare", bare);
    var bareLag = awaitTimer("bare-cart-" + run + "-" + bare.lastItem());
    settle();
    cpu = CpuShares.take(stack);
    var journeys = Load.closedLoop(n, c, i -> cartEvent("cart-" + run + "-" + i));
    System.out.println("  journeys ingest " + CpuShares.since(cpu, stack));
    failures("journeys", journeys);
    var journeysLag = awaitTimer(cartWorkflow("cart-" + run + "-" + journeys.lastItem()));
    settle();
    rows.add(
        new Row(
            "ingest rate (" + n + " starts, " + c + " clients)",
            bare.perSecond(),
            journeys.perSecond(),
            "/s",
            ">= 0.9x bare"));
    rows.add(
        new Row(
            "burst: last enrollment's 1st workflow task after its start",
            bareLag.firstTask(),
            journeysLag.firstTask(),
            "s",
            "<= 5 s"));
    rows.add(
        new Row(
            "burst: last enrollment's first timer after its start",
            bareLag.firstTimer(),
            journeysLag.firstTimer(),
            "s",
            ""));
  }

  private void batch() {
    int n = options.batch();
    phase("batch: " + n + " events in one request");
    var body = new StringJoiner(",", "[", "]");
    for (int i = 0; i < n; i++) {
      body.add(
          JourneysApi.event(
              "e-batch-" + run + "-" + i,
              "batch-" + run + "-" + i,
              "cart_abandoned",
              "{\"cartTotal\": \"59.90\"}"));
    }
    long start = System.nanoTime();
    var answer = api.postBatch(body.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (answer.status() != 202 || answer.location() == null) {
      rows.add(
          new Row(
              n + "-event batch answered " + answer.status() + " (not accepted) after",
              Double.NaN,
              seconds,
              "s",
              "< 5 s, accepted"));
      settle();
      return;
    }
    // accepted means recorded; the relay delivers after: follow the batch until every event is
    // delivered (each a signal-with-start that started its enrollment) or failed
    JsonNode status = awaitBatch(answer.location(), Duration.ofMinutes(10));
    double delivered = (System.nanoTime() - start) / 1e9;
    var lag = awaitTimer(cartWorkflow("batch-" + run + "-" + (n - 1)));
    settle();
    rows.add(new Row(n + "-event batch accepted (202) in", Double.NaN, seconds, "s", "< 5 s"));
    rows.add(
        new Row(
            "batch: all "
                + status.at("/counts/delivered").asInt()
                + " delivered ("
                + status.at("/counts/failed").asInt()
                + " failed, "
                + status.at("/counts/pending").asInt()
                + " pending) after",
            Double.NaN,
            delivered,
            "s",
            ""));
    rows.add(
        new Row(
            "batch: last enrollment's 1st workflow task after its start",
            Double.NaN,
            lag.firstTask(),
            "s",
            ""));
  }

  /** Polls the batch's status until nothing is pending (or the time is up); returns the last. */
  private JsonNode awaitBatch(String location, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    try {
      while (true) {
        JsonNode status = JSON.readTree(api.batchStatus(location));
        if (status.get("state").asText().equals("done") || System.nanoTime() > deadline) {
          return status;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (IOException e) {
      throw new IllegalStateException("batch status unreadable: " + e.getMessage(), e);
    }
  }

  /** Sign-ups as fast as the clients can post: the sustained event-to-send rate. Returns it. */
  private double sendRate() {
    int n = options.signups();
    int c = options.clients();
    phase("event -> first send, saturated: " + n + " sign-ups, " + c + " clients");
    var bare = sends("bare-sat", n, c, true);
    var journeys = sends("sat", n, c, false);
    rows.add(
        new Row(
            "event->send sustained rate (" + n + ", " + c + " clients)",
            bare.rate(),
            journeys.rate(),
            "/s",
            ">= 0.8x bare"));
    rows.add(new Row("  p50 at saturation", bare.p50(), journeys.p50(), "ms", ""));
    rows.add(new Row("  p99 at saturation", bare.p99(), journeys.p99(), "ms", ""));
    return journeys.rate();
  }

  private void fixedRate(double rate) {
    int n = (int) Math.round(rate * options.rateSeconds());
    phase(
        String.format(
            Locale.ROOT, "event -> first send at %.1f/s for %d s", rate, options.rateSeconds()));
    var bare = sendsAtRate("bare-rate", n, rate, true);
    var journeys = sendsAtRate("rate", n, rate, false);
    String at = String.format(Locale.ROOT, " at %.1f/s", rate);
    rows.add(new Row("event->send p50" + at, bare.p50(), journeys.p50(), "ms", ""));
    rows.add(
        new Row(
            "event->send p99" + at, bare.p99(), journeys.p99(), "ms", "<= 250 ms at half sat."));
    rows.add(new Row("  missing sends" + at, bare.missing(), journeys.missing(), "", "0"));
  }

  private void timers() {
    timersSummary = new TimersPhase(stack, api, "t-" + run, options).run(this::probe);
  }

  /** --only=timers: the timers (with their probes) and the histories, none of the other figures. */
  private void timersOnly() {
    timers();
    histories();
  }

  /** A light fixed rate of sign-ups (2/s for 20 s): is the worker still prompt? */
  Sends probe(String prefix) {
    settle();
    phase("probe: event -> first send at 2/s for 20 s (" + prefix + ")");
    var sends = sendsAtRate(prefix, PROBE_SIGNUPS, 2.0, false);
    System.out.printf(
        Locale.ROOT,
        "  %s: p50 %.0f ms, p99 %.0f ms, %d of %d missing%n",
        prefix,
        sends.p50(),
        sends.p99(),
        (int) sends.missing(),
        PROBE_SIGNUPS);
    return sends;
  }

  /** Each built-in journey's history length once it waits, heap after GC, the server's disk. */
  private void histories() {
    phase("history lengths, heap, disk");
    String props = "{\"orderId\": \"o-" + run + "\", \"ticketId\": \"t-" + run + "\"}";
    List<String> triggers =
        List.of(
            "cart_abandoned",
            "customer_signed_up",
            "order_placed",
            "delivery_delayed",
            "ticket_opened");
    // one customer per trigger, so one journey's event does not end another's
    for (String type : triggers) {
      String probe = "probe-" + run + "-" + type.replace('_', '-');
      api.putCustomer(probe, probe + "@example.com");
      api.postEvent("e-" + probe, probe, type, props);
    }
    sleep(Duration.ofSeconds(15));
    var client = stack.client();
    for (String type : triggers) {
      String probe = "probe-" + run + "-" + type.replace('_', '-');
      client
          .listExecutions("CustomerId='" + probe + "'")
          .forEach(
              w -> {
                var info =
                    client
                        .newUntypedWorkflowStub(w.getExecution().getWorkflowId())
                        .describe()
                        .getRawDescription()
                        .getWorkflowExecutionInfo();
                System.out.printf(
                    "  %-50s %-9s history %3d events%n",
                    w.getExecution().getWorkflowId(),
                    info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(),
                    info.getHistoryLength());
              });
    }
    List<String> bareIds =
        options.only().equals("timers")
            ? List.of("bare-warm-" + run + "-0")
            : List.of("bare-cart-" + run + "-0", "bare-sat-" + run + "-0");
    for (String id : bareIds) {
      var info =
          client
              .newUntypedWorkflowStub(id)
              .describe()
              .getRawDescription()
              .getWorkflowExecutionInfo();
      System.out.printf(
          "  %-50s %-9s history %3d events (bare)%n",
          id,
          info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(),
          info.getHistoryLength());
    }
    long waiting = client.countWorkflows("ExecutionStatus='Running'").getCount();
    System.out.printf(
        "  running workflows %d; worker heap after GC %d MiB; Temporal disk %.1f MiB%n",
        waiting, stack.worker().heapAfterGcMiB(), stack.temporalDiskMiB());
  }

  // ---- event -> send ----

  /** Set by a saturated phase, so its receipts print where the CPU went. */
  private CpuShares.Snapshot cpuFrom;

  /** What the sends of one phase came to. */
  record Sends(double rate, double p50, double p99, double missing) {}

  private Sends sends(String prefix, int n, int clients, boolean bare) {
    String[] emails = emails(prefix, n, bare);
    long[] posted = new long[n];
    cpuFrom = CpuShares.take(stack);
    var load =
        Load.closedLoop(
            n,
            clients,
            i -> {
              posted[i] = System.nanoTime();
              signUp(prefix, i, emails[i], bare);
            });
    failures(bare ? "bare" : "journeys", load);
    long first = java.util.Arrays.stream(posted).min().orElse(0);
    return receipts(emails, posted, first);
  }

  private Sends sendsAtRate(String prefix, int n, double rate, boolean bare) {
    String[] emails = emails(prefix, n, bare);
    long[] scheduled = Load.openLoop(n, rate, i -> signUp(prefix, i, emails[i], bare));
    return receipts(emails, scheduled, scheduled[0]);
  }

  private String[] emails(String prefix, int n, boolean bare) {
    String[] emails = new String[n];
    for (int i = 0; i < n; i++) {
      emails[i] = prefix + "-" + run + "-" + i + "@example.com";
    }
    if (!bare) {
      // profiles first, not timed: the welcome email needs an address
      Load.closedLoop(n, 8, i -> api.putCustomer(prefix + "-" + run + "-" + i, emails[i]));
    }
    return emails;
  }

  private void signUp(String prefix, int i, String email, boolean bare) {
    String id = prefix + "-" + run + "-" + i;
    if (bare) {
      bareStart(BareSendWorkflow.TYPE, id, email);
    } else {
      api.postEvent("e-" + id, id, "customer_signed_up", "{}");
    }
  }

  /** Waits for every email (at most a minute after the last arrived), then sums up. */
  private Sends receipts(String[] emails, long[] from, long first) {
    long quietSince = System.nanoTime();
    int seen = -1;
    while (true) {
      int now = 0;
      for (String email : emails) {
        if (stack.smtp().receivedAt(email) != null) {
          now++;
        }
      }
      if (now == emails.length) {
        break;
      }
      if (now != seen) {
        seen = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > 60e9) {
        break;
      }
      sleep(Duration.ofMillis(100));
    }
    List<Long> latencies = new ArrayList<>();
    long lastReceipt = first;
    for (int i = 0; i < emails.length; i++) {
      Long at = stack.smtp().receivedAt(emails[i]);
      if (at != null) {
        latencies.add(at - from[i]);
        lastReceipt = Math.max(lastReceipt, at);
      }
    }
    long[] values = latencies.stream().mapToLong(Long::longValue).toArray();
    double rate = latencies.size() / ((lastReceipt - first) / 1e9);
    if (cpuFrom != null) {
      System.out.println(
          "  "
              + (emails[0].startsWith("bare") ? "bare" : "journeys")
              + " sends "
              + CpuShares.since(cpuFrom, stack));
      cpuFrom = null;
    }
    settle();
    return new Sends(
        rate,
        Load.quantile(values, 0.50) / 1e6,
        Load.quantile(values, 0.99) / 1e6,
        emails.length - latencies.size());
  }

  // ---- starts ----

  private void bareStart(String type, String workflowId, String argument) {
    stack
        .client()
        .newUntypedWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(BenchStack.BARE_TASK_QUEUE)
                .build())
        .signalWithStart("event", new Object[] {"e-" + workflowId}, new Object[] {argument});
  }

  private void cartEvent(String customerId) {
    api.postEvent("e-" + customerId, customerId, "cart_abandoned", "{\"cartTotal\": \"59.90\"}");
  }

  private static String cartWorkflow(String customerId) {
    return "journey/abandoned-cart/" + customerId;
  }

  /** From a workflow's start (server clock): its first workflow task, its first timer. */
  record Lag(double firstTask, double firstTimer) {}

  private Lag awaitTimer(String workflowId) {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Instant started = null;
      Instant firstTask = null;
      for (HistoryEvent event : stack.client().fetchHistory(workflowId).getEvents()) {
        Instant at =
            Instant.ofEpochSecond(
                event.getEventTime().getSeconds(), event.getEventTime().getNanos());
        if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
          started = at;
        } else if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
            && firstTask == null) {
          firstTask = at;
        } else if (event.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED) {
          return new Lag(seconds(started, firstTask), seconds(started, at));
        }
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException(workflowId + " reached no timer in " + SETTLE_TIMEOUT);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /**
   * Waits until the stack is idle (its processes together use under a fifth of a core over two
   * seconds; at most a minute), so one phase's tail (retries, the other side's backlog) does not
   * slow the next. Other builds on a shared machine are not counted.
   */
  private void settle() {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    long before = stackCpuNanos();
    do {
      sleep(Duration.ofSeconds(2));
      long now = stackCpuNanos();
      if (now - before < 0.2 * 2e9) {
        return;
      }
      before = now;
    } while (System.nanoTime() < deadline);
    System.out.println("  (stack not idle after a minute; going on)");
  }

  /** CPU time of the dev server, PostgreSQL, the workers and the API: the bench's descendants. */
  private static long stackCpuNanos() {
    return ProcessHandle.current()
        .descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  // ---- output ----

  private void phase(String name) {
    System.out.printf("-- %s (load average %s)%n", name, Machine.loadAverage());
  }

  private static void failures(String side, Load.Run run) {
    if (run.failed() > 0) {
      System.out.printf(
          "  %s: %d items failed after retries, e.g. %s%n",
          side, run.failed(), run.errors().get(0));
    }
  }

  private void report(long began) {
    System.out.println();
    System.out.printf(
        "%-62s %10s %10s %7s  %s%n", "figure", "bare", "journeys", "J/bare", "target");
    for (Row row : rows) {
      System.out.printf(
          "%-62s %10s %10s %7s  %s%n",
          row.figure() + (row.unit().isEmpty() ? "" : " [" + row.unit() + "]"),
          format(row.bare()),
          format(row.journeys()),
          Double.isNaN(row.bare()) || row.bare() == 0
              ? "-"
              : String.format(Locale.ROOT, "%.2f", row.journeys() / row.bare()),
          row.target());
    }
    reportScaling();
    System.out.printf(
        "run took %.0f s; load average at the end %s%n",
        (System.nanoTime() - began) / 1e9, Machine.loadAverage());
    timersSummary.forEach(System.out::println);
    if (rows.isEmpty()) {
      return;
    }
    Row ingest = rows.get(0);
    System.out.printf(
        Locale.ROOT,
        "headline: Journeys ingest at %.2fx bare Temporal signal-with-start (%.1f vs %.1f/s)%n",
        ingest.journeys() / ingest.bare(),
        ingest.journeys(),
        ingest.bare());
  }

  /** Ingest and saturated send rate per worker count, each side, and growth over the first. */
  private void reportScaling() {
    if (scaling.isEmpty()) {
      return;
    }
    System.out.println();
    System.out.println("scaling: worker processes on each side, same run, same Temporal");
    System.out.printf(
        "%-8s %12s %12s %7s %12s %12s %7s%n",
        "workers", "bare ingest", "J ingest", "J/bare", "bare send", "J send", "J/bare");
    Row[] base = null;
    for (var step : scaling.entrySet()) {
      Row ingest = step.getValue().get(0);
      Row send =
          step.getValue().stream()
              .filter(r -> r.figure().startsWith("event->send sustained rate"))
              .findFirst()
              .orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "%-8d %12.1f %12.1f %7.2f %12.1f %12.1f %7.2f%n",
          step.getKey(),
          ingest.bare(),
          ingest.journeys(),
          ingest.journeys() / ingest.bare(),
          send.bare(),
          send.journeys(),
          send.journeys() / send.bare());
      if (base == null) {
        base = new Row[] {ingest, send};
      } else {
        System.out.printf(
            Locale.ROOT,
            "  %d over %d workers: ingest bare %.2fx, Journeys %.2fx; send bare %.2fx,"
                + " Journeys %.2fx%n",
            step.getKey(),
            scaling.keySet().iterator().next(),
            ingest.bare() / base[0].bare(),
            ingest.journeys() / base[0].journeys(),
            send.bare() / base[1].bare(),
            send.journeys() / base[1].journeys());
      }
    }
  }

  private static String format(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @SuppressWarnings("unused")
  private static void each(int n, IntConsumer action) {
    for (int i = 0; i < n; i++) {
      action.accept(i);
    }
  }
}
