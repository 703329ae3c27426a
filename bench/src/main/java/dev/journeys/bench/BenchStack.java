package dev.journeys.bench;

import dev.journeys.devstack.LocalPostgres;
import dev.journeys.devstack.TemporalDevServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the bench runs against, each part its own process on loopback: embedded PostgreSQL, the
 * Temporal dev server (the cached CLI binary devstack uses, persisting to a SQLite file so its disk
 * use can be measured), the bench's SMTP sink, the Journeys worker and API from their exec jars,
 * and the bare baseline's worker. Journeys and the baseline share the one dev server.
 */
final class BenchStack implements AutoCloseable {

  static final String API_KEY =
      "bench-"
          + java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(20));
  static final String BARE_TASK_QUEUE = "bench-bare";
  private static final Duration APP_START_TIMEOUT = Duration.ofSeconds(600);

  private final Path dir;
  private final BenchOptions options;
  private final List<AutoCloseable> parts = new ArrayList<>();
  private TemporalDevServer temporal;
  private SmtpSink smtp;
  private JvmProcess worker;
  private JvmProcess api;
  private int apiPort;
  private WorkflowServiceStubs service;
  private WorkflowClient client;

  private BenchStack(Path dir, BenchOptions options) {
    this.dir = dir;
    this.options = options;
  }

  static BenchStack start(Path dir, BenchOptions options) {
    var stack = new BenchStack(dir, options);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    var postgres = LocalPostgres.startKeepingData(freePort(), dir.resolve("postgres"));
    parts.add(postgres);
    temporal =
        TemporalDevServer.start(
            freePort(), freePort(), dir.resolve("temporal.db"), dir.resolve("logs/temporal.log"));
    parts.add(temporal);
    smtp = new SmtpSink();
    parts.add(smtp);
    List<String> shared =
        List.of(
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--spring.temporal.connection.target=" + temporal.address(),
            "--spring.temporal.namespace=" + TemporalDevServer.NAMESPACE);
    apiPort = freePort();
    int workerPort = freePort();
    String unsubscribe = "--journeys.unsubscribe.base-url=http://127.0.0.1:" + apiPort;
    worker =
        JvmProcess.start(
            "worker",
            options.appJvmOptions(),
            concat(
                List.of("-jar", options.workerJar().toString(), "--server.port=" + workerPort),
                shared,
                List.of(
                    unsubscribe,
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + smtp.port(),
                    // the bench runs at any hour: quiet hours would defer sends to morning
                    "--journeys.policies.quiet-hours.enabled=false"),
                options.workerArguments()),
            Map.of(),
            dir.resolve("logs/worker.log"));
    parts.add(worker);
    api =
        JvmProcess.start(
            "api",
            options.appJvmOptions(),
            concat(
                List.of("-jar", options.apiJar().toString(), "--server.port=" + apiPort),
                shared,
                List.of(
                    unsubscribe,
                    "--journeys.security.allow-dev-secrets=true",
                    "--journeys.security.admin-api-key=" + API_KEY,
                    // a shop's backend key would be given the rate it needs; the default 20/s
                    // would measure the rate limiter, not the system
                    "--journeys.security.rate-limit.per-second=1000000",
                    "--journeys.security.rate-limit.burst=1000000"),
                options.apiArguments()),
            Map.of(),
            dir.resolve("logs/api.log"));
    parts.add(api);
    var bare =
        JvmProcess.start(
            "bare-worker",
            options.appJvmOptions(),
            List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.journeys.bench.bare.BareWorker",
                temporal.address(),
                TemporalDevServer.NAMESPACE,
                BARE_TASK_QUEUE,
                "127.0.0.1",
                Integer.toString(smtp.port())),
            Map.of(),
            dir.resolve("logs/bare-worker.log"));
    parts.add(bare);
    worker.awaitHealthy("http://127.0.0.1:" + workerPort + "/actuator/health", APP_START_TIMEOUT);
    api.awaitHealthy(apiBaseUrl() + "/actuator/health", APP_START_TIMEOUT);
    bare.awaitLogLine("bare worker polling", APP_START_TIMEOUT);
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder().setNamespace(TemporalDevServer.NAMESPACE).build());
  }

  String apiBaseUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  WorkflowClient client() {
    return client;
  }

  SmtpSink smtp() {
    return smtp;
  }

  JvmProcess worker() {
    return worker;
  }

  /** The dev server's SQLite file with its journal, in MiB. */
  double temporalDiskMiB() {
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
    if (service != null) {
      service.shutdownNow();
    }
    for (AutoCloseable part : parts.reversed()) {
      try {
        part.close();
      } catch (Exception e) {
        System.err.println("could not stop " + part + ": " + e.getMessage());
      }
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
