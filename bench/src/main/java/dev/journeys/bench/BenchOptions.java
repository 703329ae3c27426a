package dev.journeys.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's settings, from {@code --name=value} arguments. The defaults keep a run within about
 * ten minutes on a 2-core machine; raise them for bigger runs.
 *
 * @param events events in the ingest burst (each side), which also gives the burst lag
 * @param clients concurrent clients for the burst and the saturated send rate
 * @param signups sign-ups for the saturated event-to-send rate (each side)
 * @param rate fixed sign-up rate per second for the latency figure; 0 = half the saturated rate
 *     Journeys reached in this run
 * @param rateSeconds how long the fixed rate is held
 * @param batch events in the one batch request
 * @param timers extra abandoned carts left waiting on their timers before heap and disk are
 *     measured (0: only those the other figures started)
 * @param warmup events per side before anything is measured (JIT, connection pools)
 * @param timersClients concurrent clients loading the {@code --timers} carts
 * @param timersMinutes time limit of the {@code --timers} load: it stops there and reports how many
 *     it created
 * @param only {@code timers}: only the warm-up, the timers and what they cost (no ingest, batch or
 *     send-rate figures); empty: everything
 * @param temporal an external Temporal's frontend, host:port (null: the bench starts one)
 * @param namespace the namespace on an external Temporal or the cluster
 * @param cluster start a Temporal server with PostgreSQL ({@link TemporalCluster}) instead of the
 *     dev server
 * @param shards the cluster's history shards
 * @param workers worker processes per side: the run starts with the first count and measures every
 *     figure; each further count adds workers and measures the throughput figures again
 */
record BenchOptions(
    int events,
    int clients,
    int signups,
    double rate,
    int rateSeconds,
    int batch,
    int timers,
    int warmup,
    int timersClients,
    int timersMinutes,
    String only,
    Path workerJar,
    Path apiJar,
    List<String> appJvmOptions,
    List<String> workerArguments,
    List<String> apiArguments,
    String temporal,
    String namespace,
    boolean cluster,
    int shards,
    List<Integer> workers) {

  static BenchOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    List<String> workerArgs = new ArrayList<>();
    List<String> apiArgs = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--cluster")) {
        arg = "--cluster=true";
      }
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      String name = arg.substring(2, arg.indexOf('='));
      String value = arg.substring(arg.indexOf('=') + 1);
      switch (name) {
        // passed through to the app, e.g. --worker-arg=--journeys.worker.virtual-threads=true
        case "worker-arg" -> workerArgs.add(value);
        case "api-arg" -> apiArgs.add(value);
        default -> values.put(name, value);
      }
    }
    var options =
        new BenchOptions(
            integer(values, "events", 2000),
            integer(values, "clients", 32),
            integer(values, "signups", 300),
            Double.parseDouble(values.getOrDefault("rate", "0")),
            integer(values, "rate-seconds", 20),
            integer(values, "batch", 500),
            integer(values, "timers", 0),
            integer(values, "warmup", 200),
            integer(values, "timers-clients", 32),
            integer(values, "timers-minutes", 60),
            values.getOrDefault("only", ""),
            Path.of(values.getOrDefault("worker-jar", "worker/target/journeys-worker-exec.jar")),
            Path.of(values.getOrDefault("api-jar", "api/target/journeys-api-exec.jar")),
            Arrays.asList(values.getOrDefault("jvm-options", "-Xmx1g").split(" ")),
            List.copyOf(workerArgs),
            List.copyOf(apiArgs),
            values.get("temporal"),
            values.getOrDefault("namespace", "default"),
            Boolean.parseBoolean(values.getOrDefault("cluster", "false")),
            integer(values, "shards", 4),
            Arrays.stream(values.getOrDefault("workers", "1").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList());
    if (options.temporal() != null && options.cluster()) {
      throw new IllegalArgumentException("--temporal and --cluster exclude each other");
    }
    if (options.workers().stream().anyMatch(n -> n < 1)
        || !options.workers().equals(options.workers().stream().sorted().distinct().toList())) {
      throw new IllegalArgumentException("--workers: rising counts from 1, e.g. 1,2");
    }
    if (!options.only().isEmpty() && !options.only().equals("timers")) {
      throw new IllegalArgumentException("--only takes timers, got " + options.only());
    }
    values.keySet().removeAll(KNOWN);
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown options: " + values.keySet());
    }
    return options;
  }

  private static final List<String> KNOWN =
      List.of(
          "events",
          "clients",
          "signups",
          "rate",
          "rate-seconds",
          "batch",
          "timers",
          "warmup",
          "timers-clients",
          "timers-minutes",
          "only",
          "worker-jar",
          "api-jar",
          "jvm-options",
          "temporal",
          "namespace",
          "cluster",
          "shards",
          "workers");

  private static int integer(Map<String, String> values, String name, int fallback) {
    return Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
  }
}
