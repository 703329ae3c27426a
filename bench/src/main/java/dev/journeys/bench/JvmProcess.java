package dev.journeys.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The worker, the API or the bare worker as its own JVM, as each runs in production. Output goes to
 * a log file; {@link #awaitReady} waits for a health check or a line in that log.
 */
final class JvmProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path logFile;
  private final Process process;

  private JvmProcess(String name, Path logFile, Process process) {
    this.name = name;
    this.logFile = logFile;
    this.process = process;
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-stop"));
  }

  /** {@code java <jvmOptions> <launch...>}, e.g. {@code -jar app.jar --server.port=...}. */
  static JvmProcess start(
      String name,
      List<String> jvmOptions,
      List<String> launch,
      Map<String, String> environment,
      Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(launch);
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      return new JvmProcess(name, logFile, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  String name() {
    return name;
  }

  /** Ready once {@code url} answers 200. */
  void awaitHealthy(String url, Duration timeout) {
    awaitReady(() -> answers200(url), timeout);
  }

  /** Ready once the log has a line containing {@code text}. */
  void awaitLogLine(String text, Duration timeout) {
    awaitReady(() -> logContains(text), timeout);
  }

  private void awaitReady(BooleanSupplier ready, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + logFile);
      }
      if (ready.getAsBoolean()) {
        return;
      }
      Bench.sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException(name + " not ready after " + timeout + "; see " + logFile);
  }

  private boolean logContains(String text) {
    try {
      return Files.exists(logFile)
          && Files.readString(logFile, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean answers200(String url) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The live heap after a full GC, in MiB ({@code jcmd GC.run}, then {@code GC.heap_info}), or -1
   * if jcmd could not tell.
   */
  long heapAfterGcMiB() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      run(jcmd.toString(), Long.toString(pid()), "GC.run");
      String info = run(jcmd.toString(), Long.toString(pid()), "GC.heap_info");
      // G1: " garbage-first heap   total 262144K, used 81234K"; Serial/Parallel: one per space
      var matcher =
          java.util.regex.Pattern.compile("heap\\s+total[^\\n]*?used (\\d+)K").matcher(info);
      if (matcher.find()) {
        return Long.parseLong(matcher.group(1)) / 1024;
      }
      long usedK = 0;
      var spaces =
          java.util.regex.Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(info);
      while (spaces.find()) {
        usedK += Long.parseLong(spaces.group(1));
      }
      return usedK == 0 ? -1 : usedK / 1024;
    } catch (IOException e) {
      return -1;
    }
  }

  private static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** SIGTERM, then SIGKILL after 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
