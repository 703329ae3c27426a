package dev.journeys.bench;

import dev.journeys.devstack.TemporalDevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The Temporal the bench runs against: the CLI dev server it starts (the default), a Temporal
 * cluster it starts ({@code --cluster}, {@link TemporalCluster}), or one already running ({@code
 * --temporal=host:port}). Journeys and the baseline always share it.
 */
interface TemporalTarget extends AutoCloseable {

  /** The frontend's gRPC address, e.g. {@code 127.0.0.1:7233}. */
  String address();

  String namespace();

  /** What the server persists to, in MiB, or -1 where the bench cannot see it. */
  double diskMiB();

  @Override
  void close();

  /** How {@code options} choose the target, for the header printed before anything starts. */
  static String describe(BenchOptions options) {
    if (options.temporal() != null) {
      return "an external Temporal at "
          + options.temporal()
          + ", namespace "
          + options.namespace()
          + " (its version and persistence are not the bench's to tell)";
    }
    if (options.cluster()) {
      return "Temporal server "
          + TemporalCluster.VERSION
          + " built from source, "
          + options.shards()
          + " history shards, PostgreSQL persistence and visibility (its own embedded"
          + " PostgreSQL)";
    }
    return "Temporal CLI dev server "
        + dev.journeys.devstack.TemporalCli.PINNED_VERSION
        + " (SQLite file)";
  }

  static TemporalTarget start(Path dir, BenchOptions options) {
    if (options.temporal() != null) {
      return new External(options.temporal(), options.namespace());
    }
    if (options.cluster()) {
      return TemporalCluster.start(dir.resolve("temporal"), options.shards(), options.namespace());
    }
    return DevServer.start(dir);
  }

  /** A server someone else runs; its namespace must have the journeys' search attributes. */
  record External(String address, String namespace) implements TemporalTarget {
    @Override
    public double diskMiB() {
      return -1;
    }

    @Override
    public void close() {}
  }

  /** The CLI dev server on free ports, persisting to {@code temporal.db} in the run's directory. */
  final class DevServer implements TemporalTarget {
    private final TemporalDevServer server;
    private final Path dir;

    private DevServer(TemporalDevServer server, Path dir) {
      this.server = server;
      this.dir = dir;
    }

    static DevServer start(Path dir) {
      return new DevServer(
          TemporalDevServer.start(
              BenchStack.freePort(),
              BenchStack.freePort(),
              dir.resolve("temporal.db"),
              dir.resolve("logs/temporal.log")),
          dir);
    }

    @Override
    public String address() {
      return server.address();
    }

    @Override
    public String namespace() {
      return TemporalDevServer.NAMESPACE;
    }

    /** The SQLite file with its journal. */
    @Override
    public double diskMiB() {
      try (Stream<Path> files = Files.list(dir)) {
        return files
                .filter(f -> f.getFileName().toString().startsWith("temporal.db"))
                .mapToLong(
                    f -> {
                      try {
                        return Files.size(f);
                      } catch (IOException e) {
                        return 0;
                      }
                    })
                .sum()
            / (1024.0 * 1024.0);
      } catch (IOException e) {
        return -1;
      }
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
