package dev.journeys.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What {@code --timers=N} waiting journeys cost and whether the worker stays prompt with them: the
 * worker's heap after a full GC and resident memory, the dev server's memory and disk, before and
 * after N abandoned carts are loaded through the API; how many the server says are waiting; and a
 * light event-to-send probe before and after. Returns the summary lines for the report.
 */
final class TimersPhase {

  private static final int SAMPLE = 50;

  private final BenchStack stack;
  private final JourneysApi api;
  private final String prefix;
  private final BenchOptions options;

  TimersPhase(BenchStack stack, JourneysApi api, String prefix, BenchOptions options) {
    this.stack = stack;
    this.api = api;
    this.prefix = prefix;
    this.options = options;
  }

  /** The memory and disk figures at one moment. */
  record Footprint(long heapAfterGcMiB, long workerRssMiB, long serverRssMiB, double diskMiB) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "worker heap after full GC %d MiB, worker RSS %d MiB; dev server RSS %d MiB, disk %.1f MiB",
          heapAfterGcMiB,
          workerRssMiB,
          serverRssMiB,
          diskMiB);
    }
  }

  List<String> run(Function<String, Bench.Sends> probe) {
    int n = options.timers();
    var carts = new WaitingCarts(api, stack.client(), prefix);
    var before = probe.apply("probe-before");
    long runningBefore = carts.runningCarts();
    var empty = footprint();
    System.out.printf(
        "-- timers: %d more abandoned carts, %d clients, at most %d min (load average %s)%n"
            + "  before: %d carts running; %s%n",
        n,
        options.timersClients(),
        options.timersMinutes(),
        Machine.loadAverage(),
        runningBefore,
        empty);
    String loadBefore = Machine.loadAverage();
    var loaded =
        carts.load(
            n, options.timersClients(), java.time.Duration.ofMinutes(options.timersMinutes()));
    String loadAfter = Machine.loadAverage();
    System.out.printf(
        Locale.ROOT,
        "  loaded %d (%d failed) in %.0f s: %.1f/s%s%n",
        loaded.created(),
        loaded.failed(),
        loaded.seconds(),
        loaded.perSecond(),
        loaded.stoppedByLimit() ? " — stopped by the time limit" : "");
    var waiting = carts.count(runningBefore + loaded.created(), loaded.createdItems(), SAMPLE);
    var full = footprint();
    System.out.printf(
        "  server: %d carts running (%d more than before); sample: %d of %d waiting on a timer %s%n"
            + "  after: %s%n",
        waiting.runningCarts(),
        waiting.runningCarts() - runningBefore,
        waiting.sampledWaitingOnTimer(),
        waiting.sampled(),
        waiting.sampleNote(),
        full);
    var after = probe.apply("probe-after");

    long added = waiting.runningCarts() - runningBefore;
    List<String> lines = new ArrayList<>();
    lines.add("timers (" + n + " asked, " + options.timersClients() + " clients):");
    lines.add(
        String.format(
            Locale.ROOT,
            "  loaded %d through POST /v1/events in %.0f s (%.1f/s; load average %s -> %s)%s;"
                + " %d failed",
            loaded.created(),
            loaded.seconds(),
            loaded.perSecond(),
            loadBefore,
            loadAfter,
            loaded.stoppedByLimit()
                ? ", stopped by the " + options.timersMinutes() + "-minute limit"
                : "",
            loaded.failed()));
    lines.add(
        String.format(
            "  waiting per the server: %d running carts (+%d); %d of %d sampled histories wait on a"
                + " timer",
            waiting.runningCarts(), added, waiting.sampledWaitingOnTimer(), waiting.sampled()));
    lines.add("  before: " + empty);
    lines.add("  after:  " + full);
    if (added > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  per waiting cart: heap %.2f KiB, worker RSS %.2f KiB, server RSS %.2f KiB,"
                  + " disk %.2f KiB",
              (full.heapAfterGcMiB() - empty.heapAfterGcMiB()) * 1024.0 / added,
              (full.workerRssMiB() - empty.workerRssMiB()) * 1024.0 / added,
              (full.serverRssMiB() - empty.serverRssMiB()) * 1024.0 / added,
              (full.diskMiB() - empty.diskMiB()) * 1024.0 / added));
    }
    lines.add("  worker sticky cache: " + stickyCache());
    lines.add(
        String.format(
            Locale.ROOT,
            "  probe event->send at 2/s: p50 %.0f -> %.0f ms, p99 %.0f -> %.0f ms, missing %d -> %d"
                + " (before -> after the timers)",
            before.p50(),
            after.p50(),
            before.p99(),
            after.p99(),
            (int) before.missing(),
            (int) after.missing()));
    return lines;
  }

  private Footprint footprint() {
    long heap = stack.worker().heapAfterGcMiB();
    long workerRss = ProcessMemory.rssMiB(stack.worker().pid());
    long serverRss = ProcessMemory.temporalDevServerPid().map(ProcessMemory::rssMiB).orElse(-1L);
    return new Footprint(heap, workerRss, serverRss, stack.temporalDiskMiB());
  }

  private String stickyCache() {
    return options.workerArguments().stream()
        .filter(a -> a.contains("sticky-cache-size="))
        .map(a -> a.substring(a.indexOf('=') + 1) + " (set by --worker-arg)")
        .findFirst()
        .orElse("600 (journeys.worker.sticky-cache-size, the default)");
  }
}
