package dev.journeys.bench;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The machine and settings a run had, printed first so a figure is never read without them. */
final class Machine {

  private Machine() {}

  static List<String> describe(BenchOptions options) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + cpuModel()
            + ", "
            + memory()
            + ", load average "
            + loadAverage()
            + " (shared: other builds may run)");
    lines.add(
        "java "
            + System.getProperty("java.version")
            + "; Temporal Java SDK "
            + io.temporal.serviceclient.Version.LIBRARY_VERSION
            + " (Journeys and the baseline); "
            + TemporalTarget.describe(options)
            + "; embedded PostgreSQL");
    lines.add("commit " + System.getenv().getOrDefault("BENCH_COMMIT", "?"));
    lines.add(
        "settings: events="
            + options.events()
            + " clients="
            + options.clients()
            + " signups="
            + options.signups()
            + " rate="
            + (options.rate() > 0 ? options.rate() : "half of Journeys' saturated rate")
            + " rate-seconds="
            + options.rateSeconds()
            + " batch="
            + options.batch()
            + " timers="
            + options.timers()
            + (options.timers() > 0
                ? " ("
                    + options.timersClients()
                    + " clients, at most "
                    + options.timersMinutes()
                    + " min)"
                : "")
            + (options.only().isEmpty() ? "" : " only=" + options.only())
            + " warmup="
            + options.warmup()
            + " workers="
            + options.workers().stream().map(String::valueOf).collect(joining(",")));
    lines.add(
        "app JVMs: "
            + String.join(" ", options.appJvmOptions())
            + "; worker args "
            + options.workerArguments()
            + "; api args "
            + options.apiArguments());
    return lines;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB RAM")
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
