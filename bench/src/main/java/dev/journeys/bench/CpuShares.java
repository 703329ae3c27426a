package dev.journeys.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * Where the CPU went during a phase: each part of the stack (the Temporal server, each PostgreSQL,
 * the workers, the API, the bench's own clients) in percent of one core, and the rest of the
 * machine (other builds on a shared machine). On 2 cores this says which part a figure is bound by,
 * and whether a second worker had any core to run on.
 */
final class CpuShares {

  private static final long JIFFY_NANOS = 10_000_000; // USER_HZ is 100 on Linux

  /**
   * CPU time used so far by each process of each part (pid to nanoseconds), and by the whole
   * machine; at a wall-clock instant.
   */
  record Snapshot(long wallNanos, Map<String, Map<Long, Long>> parts, long machineBusyNanos) {}

  private CpuShares() {}

  static Snapshot take(BenchStack stack) {
    Map<String, Map<Long, Long>> parts = new LinkedHashMap<>();
    List<Long> named = new java.util.ArrayList<>();
    add(parts, named, "workers", stack.workers().journeys().stream().map(JvmProcess::pid));
    add(parts, named, "bare workers", stack.workers().bare().stream().map(JvmProcess::pid));
    add(parts, named, "api", Stream.of(stack.api().pid()));
    add(parts, named, "postgres (journeys)", postmaster(stack.postgresDataDirectory()));
    if (stack.temporal() instanceof TemporalCluster cluster) {
      add(parts, named, "postgres (temporal)", postmaster(cluster.postgresDataDirectory()));
    }
    // what is left of the bench's descendants: the Temporal server (or dev server)
    parts.put(
        "temporal",
        byPid(
            ProcessHandle.current()
                .descendants()
                .filter(
                    p ->
                        !named.contains(p.pid()) && named.stream().noneMatch(n -> isUnder(p, n)))));
    parts.put("bench clients", byPid(Stream.of(ProcessHandle.current())));
    return new Snapshot(System.nanoTime(), parts, machineBusy());
  }

  /** E.g. {@code cpu % of a core: temporal 85, workers 40, ..., others 20 (of 200)}. */
  static String since(Snapshot before, BenchStack stack) {
    Snapshot after = take(stack);
    double wall = after.wallNanos() - before.wallNanos();
    var line = new StringJoiner(", ", "cpu, % of one core: ", "");
    long stackTotal = 0;
    for (var entry : after.parts().entrySet()) {
      // per process: one that exited in between (a PostgreSQL backend whose query was cancelled)
      // took its CPU time with it and is counted under "others"; one that started is counted whole
      var was = before.parts().getOrDefault(entry.getKey(), Map.of());
      long used =
          entry.getValue().entrySet().stream()
              .mapToLong(p -> Math.max(0, p.getValue() - was.getOrDefault(p.getKey(), 0L)))
              .sum();
      stackTotal += used;
      line.add(entry.getKey() + " " + percent(used, wall));
    }
    long machine = after.machineBusyNanos() - before.machineBusyNanos();
    line.add("others " + percent(Math.max(0, machine - stackTotal), wall));
    line.add(
        "machine "
            + percent(machine, wall)
            + " of "
            + Runtime.getRuntime().availableProcessors() * 100);
    return line.toString();
  }

  private static String percent(long nanos, double wall) {
    return String.format(Locale.ROOT, "%.0f", 100.0 * nanos / wall);
  }

  private static void add(
      Map<String, Map<Long, Long>> parts, List<Long> named, String part, Stream<Long> roots) {
    Map<Long, Long> byPid = parts.computeIfAbsent(part, p -> new java.util.HashMap<>());
    for (long pid : roots.toList()) {
      named.add(pid);
      ProcessHandle.of(pid)
          .ifPresent(
              root -> byPid.putAll(byPid(Stream.concat(Stream.of(root), root.descendants()))));
    }
  }

  private static Map<Long, Long> byPid(Stream<ProcessHandle> processes) {
    Map<Long, Long> byPid = new java.util.HashMap<>();
    processes.forEach(p -> byPid.put(p.pid(), cpu(p)));
    return byPid;
  }

  private static boolean isUnder(ProcessHandle process, long ancestor) {
    for (var p = process.parent(); p.isPresent(); p = p.get().parent()) {
      if (p.get().pid() == ancestor) {
        return true;
      }
    }
    return false;
  }

  private static long cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** PostgreSQL's postmaster, from the first line of {@code postmaster.pid}. */
  private static Stream<Long> postmaster(Path dataDirectory) {
    try {
      return Stream.of(
          Long.parseLong(
              Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim()));
    } catch (IOException | RuntimeException e) {
      return Stream.empty();
    }
  }

  /** Busy time of all cores (/proc/stat: all but idle and iowait). */
  private static long machineBusy() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy * JIFFY_NANOS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
