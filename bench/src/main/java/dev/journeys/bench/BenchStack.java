package dev.journeys.bench;

import dev.journeys.devstack.FreePorts;
import dev.journeys.devstack.LocalPostgres;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the bench runs against, each part its own process on loopback: embedded PostgreSQL, the
 * Temporal dev server (the cached CLI binary devstack uses, persisting to a SQLite file so its disk
 * use can be measured) or a Temporal cluster ({@link TemporalTarget}), the bench's SMTP sink, the
 * Journeys workers and API from their exec jars, and the bare baseline's workers. Journeys and the
 * baseline share the one Temporal.
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
  private TemporalTarget temporal;
  private LocalPostgres postgres;
  private SmtpSink smtp;
  private Workers workers;
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
    postgres = LocalPostgres.startKeepingData(freePort(), dir.resolve("postgres"));
    parts.add(postgres);
    temporal = TemporalTarget.start(dir, options);
    parts.add(temporal);
    smtp = new SmtpSink();
    parts.add(smtp);
    List<String> shared =
        List.of(
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--spring.temporal.connection.target=" + temporal.address(),
            "--spring.temporal.namespace=" + temporal.namespace());
    apiPort = freePort();
    String unsubscribe = "--journeys.unsubscribe.base-url=http://127.0.0.1:" + apiPort;
    workers =
        new Workers(
            dir,
            options,
            concat(
                shared,
                List.of(
                    unsubscribe,
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + smtp.port(),
                    // the bench runs at any hour: quiet hours would defer sends to morning
                    "--journeys.policies.quiet-hours.enabled=false"),
                options.workerArguments()),
            List.of(
                temporal.address(),
                temporal.namespace(),
                BARE_TASK_QUEUE,
                "127.0.0.1",
                Integer.toString(smtp.port())));
    parts.add(workers);
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
    workers.scaleTo(options.workers().get(0));
    api.awaitHealthy(apiBaseUrl() + "/actuator/health", APP_START_TIMEOUT);
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
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

  /** The first Journeys worker. */
  JvmProcess worker() {
    return workers.first();
  }

  Workers workers() {
    return workers;
  }

  JvmProcess api() {
    return api;
  }

  TemporalTarget temporal() {
    return temporal;
  }

  /** The Journeys database's data directory (its postmaster.pid names its process). */
  Path postgresDataDirectory() {
    return dir.resolve("postgres");
  }

  /** What the Temporal server persists, in MiB (-1: not visible to the bench). */
  double temporalDiskMiB() {
    return temporal.diskMiB();
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

  /** See {@link FreePorts}: kept from other processes that bind port 0 until ours binds it. */
  static int freePort() {
    return FreePorts.pick();
  }
}
