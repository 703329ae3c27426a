package dev.journeys.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker or the API as its own JVM ({@code java -jar ...-exec.jar}), the way it runs in
 * production, so that it can be killed with SIGKILL and restarted. Output is appended to one log
 * file across restarts.
 */
final class AppProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AppProcess.class);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final int port;
  private final List<String> arguments;
  private final Map<String, String> environment;
  private final Path logFile;
  private volatile Process process;

  AppProcess(
      String name,
      Path jar,
      int port,
      List<String> arguments,
      Map<String, String> environment,
      Path logFile) {
    this.name = name;
    this.jar = jar;
    this.port = port;
    this.arguments = List.copyOf(arguments);
    this.environment = Map.copyOf(environment);
    this.logFile = logFile;
    // the child must not outlive the suite, whatever ends it (Ctrl-C, the hard time limit)
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Process current = process;
                  if (current != null) {
                    current.destroyForcibly();
                  }
                },
                name + "-stop"));
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Starts the JVM; {@link #awaitHealthy} waits for it. */
  synchronized void start() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // small and quick to start: four JVMs share two cores during the suite
    command.addAll(
        List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.add("--server.port=" + port);
    command.addAll(arguments);
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
      log.info("{} started (pid {}, log {})", name, process.pid(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Waits until {@code /actuator/health} answers 200. */
  void awaitHealthy(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Process current;
      synchronized (this) {
        current = process;
      }
      if (current == null || !current.isAlive()) {
        throw new IllegalStateException(
            name + " exited; last lines of " + logFile + ":\n" + tail());
      }
      if (healthy()) {
        log.info("{} healthy on port {}", name, port);
        return;
      }
      Pause.of(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        name + " not healthy after " + timeout + "; last lines of " + logFile + ":\n" + tail());
  }

  boolean healthy() {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: no shutdown hook, no graceful drain; whatever was in flight is cut off. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    log.info("{}: SIGKILL to pid {}", name, process.pid());
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, then SIGKILL if it takes longer than 20 s. */
  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String tail() {
    return dev.journeys.devstack.LogTail.of(logFile, 40);
  }
}
