package dev.journeys.bench;

import com.google.protobuf.util.Durations;
import dev.journeys.devstack.TemporalDevServer;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal server ({@code go.temporal.io/server/cmd/server}, built from source) on loopback,
 * as a self-hosted production cluster runs it but in one process: PostgreSQL persistence and SQL
 * visibility in an embedded PostgreSQL of its own (not the Journeys database), more than one
 * history shard, the schema set up by the server's own SQL tool from the same module, and the
 * namespace with the journeys' search attributes registered. Config: {@code
 * bench/cluster/temporal-server.yaml} and {@code bench/cluster/dynamic-config.yaml}.
 */
final class TemporalCluster implements TemporalTarget {

  static final String VERSION = "1.29.1";
  static final String MODULE = "go.temporal.io/server";

  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final List<String> DATABASES = List.of("temporal", "temporal_visibility");
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

  private final Path dir;
  private final String namespace;
  private EmbeddedPostgres postgres;
  private Process server;
  private int frontendPort;

  private TemporalCluster(Path dir, String namespace) {
    this.dir = dir;
    this.namespace = namespace;
  }

  static TemporalCluster start(Path dir, int shards, String namespace) {
    var cluster = new TemporalCluster(dir.toAbsolutePath(), namespace);
    try {
      cluster.startAll(shards);
      return cluster;
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException("could not start the Temporal cluster", e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll(int shards) throws IOException {
    Path binaries = binaries();
    Path schema = schemaDirectory();
    Files.createDirectories(dir.resolve("config"));
    Path log = dir.resolveSibling("logs").resolve("temporal-server.log");
    Files.createDirectories(log.getParent());
    Path postgresLog = log.resolveSibling("temporal-postgres.log");
    // Four services in one process hold up to 4 x (20 + 10) connections; PostgreSQL's default
    // of 100 would refuse some of them under load.
    postgres =
        EmbeddedPostgres.builder()
            .setPort(BenchStack.freePort())
            .setDataDirectory(dir.resolve("postgres"))
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "300")
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(postgresLog.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(postgresLog.toFile()))
            .start();
    for (String database : DATABASES) {
      String versioned = database.equals("temporal") ? "temporal" : "visibility";
      sqlTool(binaries, log, database, "create-database");
      sqlTool(binaries, log, database, "setup-schema", "-v", "0.0");
      sqlTool(
          binaries,
          log,
          database,
          "update-schema",
          "-d",
          schema.resolve(versioned).resolve("versioned").toString());
    }
    frontendPort = BenchStack.freePort();
    writeConfig(shards);
    List<String> command =
        List.of(
            binaries.resolve("server").toString(),
            "--root",
            dir.toString(),
            "--config",
            "config",
            "--env",
            "bench",
            "--allow-no-auth",
            "start");
    server =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly, "temporal-stop"));
    registerNamespace(log);
  }

  /** The template with this run's ports and paths. */
  private void writeConfig(int shards) throws IOException {
    Path template = Path.of("bench", "cluster", "temporal-server.yaml");
    Path dynamic = dir.resolve("config").resolve("dynamic-config.yaml");
    Files.copy(
        Path.of("bench", "cluster", "dynamic-config.yaml"),
        dynamic,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Map<String, String> values = new HashMap<>();
    values.put("shards", Integer.toString(shards));
    values.put("postgresPort", Integer.toString(postgres.getPort()));
    values.put("postgresUser", USER);
    values.put("postgresPassword", PASSWORD);
    values.put("frontendPort", Integer.toString(frontendPort));
    for (String port :
        List.of(
            "frontendMembershipPort",
            "frontendHttpPort",
            "matchingPort",
            "matchingMembershipPort",
            "historyPort",
            "historyMembershipPort",
            "workerPort",
            "workerMembershipPort")) {
      values.put(
          port,
          Integer.toString(port.contains("Membership") ? lowFreePort() : BenchStack.freePort()));
    }
    values.put("dynamicConfig", dynamic.toString());
    String config = Files.readString(template);
    for (var entry : values.entrySet()) {
      config = config.replace("${" + entry.getKey() + "}", entry.getValue());
    }
    if (java.util.regex.Pattern.compile("\\$\\{\\w+}").matcher(config).find()) {
      throw new IllegalStateException("unfilled placeholder in " + template);
    }
    Files.writeString(dir.resolve("config").resolve("bench.yaml"), config);
  }

  /**
   * A free loopback port below 32768: the server records its membership ports in a PostgreSQL
   * {@code smallint} column and stops at startup if one is above (the OS's ephemeral range is).
   */
  private static int lowFreePort() {
    var random = new java.util.Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + random.nextInt(12_000);
      try (var socket =
          new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free loopback port below 32768");
  }

  /** {@code temporal-sql-tool --plugin postgres12 ... <command>}, as an operator runs it. */
  private void sqlTool(Path binaries, Path log, String database, String... command)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                binaries.resolve("sql").toString(),
                "--plugin",
                "postgres12",
                "--ep",
                "127.0.0.1",
                "-p",
                Integer.toString(postgres.getPort()),
                "-u",
                USER,
                "--pw",
                PASSWORD,
                "--db",
                database));
    args.addAll(List.of(command));
    run(args, log, Duration.ofMinutes(2));
  }

  /**
   * The namespace (one day's retention) and the journeys' Keyword search attributes, retried until
   * the frontend has joined its ring and answers; then waits until the namespace lists them.
   */
  private void registerNamespace(Path log) {
    var service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    var operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    String last = "";
    try {
      while (Instant.now().isBefore(deadline)) {
        if (!server.isAlive()) {
          throw new IllegalStateException("Temporal server exited; see " + log);
        }
        try {
          if (!namespaceExists(service)) {
            service
                .blockingStub()
                .registerNamespace(
                    RegisterNamespaceRequest.newBuilder()
                        .setNamespace(namespace)
                        .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1))
                        .build());
          }
          var existing =
              operator
                  .blockingStub()
                  .listSearchAttributes(
                      ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
                  .getCustomAttributesMap();
          Map<String, IndexedValueType> missing = new HashMap<>();
          for (String name : TemporalDevServer.SEARCH_ATTRIBUTES) {
            if (!existing.containsKey(name)) {
              missing.put(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
            }
          }
          if (missing.isEmpty()) {
            // the other services' namespace caches refresh every 2 s
            Bench.sleep(Duration.ofSeconds(5));
            return;
          }
          operator
              .blockingStub()
              .addSearchAttributes(
                  AddSearchAttributesRequest.newBuilder()
                      .setNamespace(namespace)
                      .putAllSearchAttributes(missing)
                      .build());
        } catch (io.grpc.StatusRuntimeException e) {
          last = e.getStatus().toString();
        }
        Bench.sleep(Duration.ofSeconds(1));
      }
      throw new IllegalStateException(
          "Temporal server at " + address() + " not ready: " + last + "; see " + log);
    } finally {
      operator.shutdown();
      service.shutdownNow();
    }
  }

  private boolean namespaceExists(WorkflowServiceStubs service) {
    try {
      service
          .blockingStub()
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
      return true;
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public String address() {
    return "127.0.0.1:" + frontendPort;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  /** Both databases as PostgreSQL counts them (tables, indexes, TOAST; not the WAL). */
  @Override
  public double diskMiB() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT sum(pg_database_size(datname)) FROM pg_database"
                    + " WHERE datname IN ('temporal', 'temporal_visibility')")) {
      rows.next();
      return rows.getLong(1) / (1024.0 * 1024.0);
    } catch (SQLException e) {
      return -1;
    }
  }

  /** The data directory of the cluster's PostgreSQL, whose postmaster.pid names its process. */
  Path postgresDataDirectory() {
    return dir.resolve("postgres");
  }

  @Override
  public void close() {
    if (server != null && server.isAlive()) {
      server.destroy();
      try {
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      } catch (InterruptedException e) {
        server.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        System.err.println("could not stop the cluster's PostgreSQL: " + e.getMessage());
      }
    }
  }

  // ---- the server's binaries and schema ----

  /**
   * {@code server} and {@code sql} built from the module at {@link #VERSION}, cached in {@code
   * ~/.cache/journeys/temporal-server-<version>/}; built there with {@code go install} if missing.
   */
  static Path binaries() throws IOException {
    Path cache =
        Path.of(
            System.getProperty("user.home"), ".cache", "journeys", "temporal-server-" + VERSION);
    Files.createDirectories(cache);
    for (String[] tool :
        List.of(new String[] {"server", "cmd/server"}, new String[] {"sql", "cmd/tools/sql"})) {
      if (!Files.isExecutable(cache.resolve(tool[0]))) {
        System.out.println("  building " + MODULE + "/" + tool[1] + "@v" + VERSION + " (minutes)");
        var build =
            new ProcessBuilder("go", "install", MODULE + "/" + tool[1] + "@v" + VERSION)
                .inheritIO();
        build.environment().put("GOBIN", cache.toString());
        run(build, Duration.ofMinutes(30));
      }
    }
    return cache;
  }

  /** {@code schema/postgresql/v12} of the server module in the Go module cache. */
  static Path schemaDirectory() throws IOException {
    Path modules;
    try {
      var env = new ProcessBuilder("go", "env", "GOMODCACHE").redirectErrorStream(true).start();
      modules = Path.of(new String(env.getInputStream().readAllBytes()).trim());
      env.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      modules = Path.of(System.getProperty("user.home"), "go", "pkg", "mod");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Path schema =
        modules.resolve(MODULE + "@v" + VERSION).resolve("schema").resolve("postgresql/v12");
    if (!Files.isDirectory(schema)) {
      throw new IllegalStateException(
          schema + " is missing: run go install " + MODULE + "/cmd/server@v" + VERSION);
    }
    return schema;
  }

  private static void run(List<String> command, Path log, Duration timeout) throws IOException {
    Files.writeString(
        log,
        "$ " + String.join(" ", command) + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    run(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())),
        timeout);
  }

  private static void run(ProcessBuilder builder, Duration timeout) throws IOException {
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(builder.command() + " did not finish in " + timeout);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          builder.command() + " exited with " + process.exitValue() + " (see its log)");
    }
  }
}
