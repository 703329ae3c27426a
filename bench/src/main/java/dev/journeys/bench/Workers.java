package dev.journeys.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The worker processes on both sides: Journeys workers (the same exec jar, each its own JVM on the
 * one task queue, as a production deployment scales out) and as many bare baseline workers. {@link
 * #scaleTo} adds one of each until there are {@code n}; the side's load then spreads over them by
 * Temporal's task-queue partitions and pollers, nothing in between.
 */
final class Workers implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  private final Path dir;
  private final BenchOptions options;
  private final List<String> journeysArguments;
  private final List<String> bareArguments;
  private final List<JvmProcess> journeys = new ArrayList<>();
  private final List<JvmProcess> bare = new ArrayList<>();

  /**
   * @param journeysArguments the Journeys worker's app arguments, without {@code --server.port}
   * @param bareArguments {@code BareWorker}'s arguments
   */
  Workers(
      Path dir, BenchOptions options, List<String> journeysArguments, List<String> bareArguments) {
    this.dir = dir;
    this.options = options;
    this.journeysArguments = journeysArguments;
    this.bareArguments = bareArguments;
  }

  /** Starts workers until each side has {@code n}, and waits until the new ones poll. */
  void scaleTo(int n) {
    List<Runnable> readiness = new ArrayList<>();
    while (journeys.size() < n) {
      int index = journeys.size() + 1;
      int port = BenchStack.freePort();
      var worker =
          JvmProcess.start(
              "worker-" + index,
              options.appJvmOptions(),
              Stream.of(
                      List.of("-jar", options.workerJar().toString(), "--server.port=" + port),
                      journeysArguments)
                  .flatMap(List::stream)
                  .toList(),
              Map.of(),
              dir.resolve("logs/worker-" + index + ".log"));
      journeys.add(worker);
      readiness.add(
          () ->
              worker.awaitHealthy("http://127.0.0.1:" + port + "/actuator/health", START_TIMEOUT));
    }
    while (bare.size() < n) {
      int index = bare.size() + 1;
      List<String> launch = new ArrayList<>();
      launch.addAll(
          List.of(
              "-cp", System.getProperty("java.class.path"), "dev.journeys.bench.bare.BareWorker"));
      launch.addAll(bareArguments);
      var worker =
          JvmProcess.start(
              "bare-worker-" + index,
              options.appJvmOptions(),
              launch,
              Map.of(),
              dir.resolve("logs/bare-worker-" + index + ".log"));
      bare.add(worker);
      readiness.add(() -> worker.awaitLogLine("bare worker polling", START_TIMEOUT));
    }
    readiness.forEach(Runnable::run);
  }

  int count() {
    return journeys.size();
  }

  /** The first Journeys worker (its heap is the one measured). */
  JvmProcess first() {
    return journeys.get(0);
  }

  List<JvmProcess> journeys() {
    return List.copyOf(journeys);
  }

  List<JvmProcess> bare() {
    return List.copyOf(bare);
  }

  @Override
  public void close() {
    Stream.concat(bare.stream(), journeys.stream())
        .parallel()
        .forEach(
            p -> {
              try {
                p.close();
              } catch (RuntimeException e) {
                System.err.println("could not stop " + p.name() + ": " + e.getMessage());
              }
            });
  }
}
