package dev.journeys.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Temporal dev server ({@code temporal server start-dev}) as a child process on loopback, with
 * the search attributes the journeys use already registered. The child never outlives the JVM.
 */
public final class TemporalDevServer implements AutoCloseable {

  /**
   * The keyword search attributes every journey workflow is indexed by, all of them from the start:
   * the worker's own registration can time out on a loaded machine, and a journey whose upsert
   * names an unregistered attribute fails its workflow task until it exists.
   */
  public static final List<String> SEARCH_ATTRIBUTES =
      dev.journeys.journey.JourneySearchAttributes.ALL.stream()
          .map(io.temporal.common.SearchAttributeKey::getName)
          .toList();

  public static final String NAMESPACE = "default";
  public static final int DEV_GRPC_PORT = 7233;
  public static final int DEV_UI_PORT = 8233;

  private static final String HOST = "127.0.0.1";
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** Starts after a port was taken between picking it and the server binding it. */
  private static final int START_ATTEMPTS = 3;

  private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);

  private final TemporalCli cli;
  private final int grpcPort;
  private final int uiPort;
  private final Path logFile;
  private final Process process;
  private final Thread shutdownHook;

  private TemporalDevServer(
      TemporalCli cli,
      int grpcPort,
      int uiPort,
      int httpPort,
      int metricsPort,
      Path database,
      Path logFile,
      String uiCodecEndpoint)
      throws IOException {
    this.cli = cli;
    this.grpcPort = grpcPort;
    this.uiPort = uiPort;
    this.logFile = logFile;
    Files.createDirectories(logFile.getParent());
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      // Its own session keeps a terminal's Ctrl-C from killing the server before the worker and
      // API that use it have stopped; close() and the shutdown hook stop it instead.
      command.addAll(List.of(SETSID.toString(), "--wait"));
    }
    command.addAll(cli.command("server", "start-dev"));
    command.addAll(
        List.of(
            "--ip",
            HOST,
            "--port",
            String.valueOf(grpcPort),
            "--ui-port",
            String.valueOf(uiPort),
            // given, not left to the CLI: it picks them by binding port 0, which can hand it the
            // gRPC or UI port picked here before the server has bound that one
            "--http-port",
            String.valueOf(httpPort),
            "--metrics-port",
            String.valueOf(metricsPort),
            "--namespace",
            NAMESPACE,
            "--log-level",
            "warn"));
    if (uiCodecEndpoint != null) {
      // the UI's browser calls it to show encrypted payloads decoded (the API's codec listener)
      command.addAll(List.of("--ui-codec-endpoint", uiCodecEndpoint));
    }
    if (database != null) {
      Files.createDirectories(database.toAbsolutePath().getParent());
      command.addAll(List.of("--db-filename", database.toString()));
    }
    for (String attribute : SEARCH_ATTRIBUTES) {
      command.addAll(List.of("--search-attribute", attribute + "=Keyword"));
    }
    log.info("Starting Temporal dev server on {}:{} (log: {})", HOST, grpcPort, logFile);
    this.process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    this.shutdownHook = new Thread(this::stopProcess, "temporal-dev-server-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The developer's server: fixed ports 7233 (gRPC) and 8233 (UI), state persisted in {@code
   * <workDir>/temporal.db} across restarts, log in {@code <workDir>/logs/temporal.log}.
   */
  public static TemporalDevServer startForDevelopment(Path workDir) {
    return start(
        DEV_GRPC_PORT,
        DEV_UI_PORT,
        workDir.resolve("temporal.db"),
        workDir.resolve("logs").resolve("temporal.log"));
  }

  /** A throwaway in-memory server on free ports, logging to {@code logDir/temporal-<port>.log}. */
  public static TemporalDevServer startOnFreePorts(Path logDir) {
    return startOnFreePorts(logDir, null);
  }

  /**
   * As {@link #startOnFreePorts(Path)}, with the Web UI decoding payloads through the codec server
   * at {@code uiCodecEndpoint} (e.g. {@code http://127.0.0.1:8089/codec}), or without one if null.
   */
  public static TemporalDevServer startOnFreePorts(Path logDir, String uiCodecEndpoint) {
    for (int attempt = 1; ; attempt++) {
      int grpcPort = FreePorts.pick();
      try {
        return startOnce(
            grpcPort,
            FreePorts.pick(),
            null,
            logDir.resolve("temporal-" + grpcPort + ".log"),
            uiCodecEndpoint);
      } catch (PortTakenException e) {
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
        log.warn("{}; starting again on other ports", e.getMessage().lines().findFirst().get());
      }
    }
  }

  /**
   * Starts a server and waits until it answers requests.
   *
   * @param database SQLite file to persist to, or {@code null} to keep state in memory
   */
  public static TemporalDevServer start(int grpcPort, int uiPort, Path database, Path logFile) {
    return start(grpcPort, uiPort, database, logFile, null);
  }

  private static TemporalDevServer start(
      int grpcPort, int uiPort, Path database, Path logFile, String uiCodecEndpoint) {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(grpcPort, uiPort, database, logFile, uiCodecEndpoint);
      } catch (PortTakenException e) {
        // the HTTP or metrics port may have been taken meanwhile; if it is the gRPC or UI port,
        // every attempt fails the same way and the last one says so
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
        log.warn("{}; starting again", e.getMessage().lines().findFirst().get());
      }
    }
  }

  private static TemporalDevServer startOnce(
      int grpcPort, int uiPort, Path database, Path logFile, String uiCodecEndpoint) {
    TemporalDevServer server;
    try {
      server =
          new TemporalDevServer(
              TemporalCli.locate(),
              grpcPort,
              uiPort,
              FreePorts.pick(),
              FreePorts.pick(),
              database,
              logFile,
              uiCodecEndpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Temporal dev server", e);
    }
    try {
      server.awaitReady();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The frontend's gRPC address, e.g. {@code 127.0.0.1:7233}. */
  public String address() {
    return HOST + ":" + grpcPort;
  }

  public int grpcPort() {
    return grpcPort;
  }

  /** The Web UI, e.g. {@code http://127.0.0.1:8233}. */
  public String uiUrl() {
    return "http://" + HOST + ":" + uiPort;
  }

  public String namespace() {
    return NAMESPACE;
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * An open port is not enough: the frontend accepts connections before the namespace and search
   * attributes exist, so we wait until the CLI can list the search attributes.
   */
  private void awaitReady() {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw startupFailure("exited with code " + process.exitValue());
      }
      if (portOpen() && searchAttributesRegistered()) {
        log.info("Temporal dev server ready at {} (UI {})", address(), uiUrl());
        return;
      }
      sleep(Duration.ofMillis(250));
    }
    throw startupFailure("not ready after " + STARTUP_TIMEOUT.toSeconds() + "s");
  }

  private boolean portOpen() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, grpcPort), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean searchAttributesRegistered() {
    try {
      Process check =
          new ProcessBuilder(
                  cli.command(
                      "operator",
                      "search-attribute",
                      "list",
                      "--address",
                      address(),
                      "--namespace",
                      NAMESPACE,
                      "--command-timeout",
                      "3s"))
              .redirectErrorStream(true)
              .start();
      String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!check.waitFor(10, TimeUnit.SECONDS)) {
        check.destroyForcibly();
        return false;
      }
      return check.exitValue() == 0 && SEARCH_ATTRIBUTES.stream().allMatch(output::contains);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }

  private IllegalStateException startupFailure(String reason) {
    String tail = LogTail.of(logFile, 40);
    String message =
        "Temporal dev server on "
            + address()
            + " "
            + reason
            + " (is the port taken by another server?). Last lines of "
            + logFile
            + ":\n"
            + tail;
    return tail.contains("address already in use")
        ? new PortTakenException(message)
        : new IllegalStateException(message);
  }

  /** The server could not bind one of its ports: another process took it. */
  static final class PortTakenException extends IllegalStateException {
    PortTakenException(String message) {
      super(message);
    }
  }

  /**
   * Leaves stopping at JVM exit to the caller's own shutdown hook, which must call {@link
   * #close()}. Shutdown hooks run concurrently, so ours would otherwise stop the server while
   * workers that use it are still shutting down.
   */
  void stopOnlyWhenClosed() {
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
  }

  /** Stops the server and its descendants: politely first, then forcibly. */
  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran; nothing to remove
    }
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Temporal dev server did not stop within {}; killing it", STOP_TIMEOUT);
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    log.info("Temporal dev server on {} stopped", address());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }
}
