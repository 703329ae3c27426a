package dev.journeys.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The schemathesis command line (PyPI), which reads an OpenAPI document and sends requests
 * generated from it. Looked up, never installed by the tests: {@code $SCHEMATHESIS}, else the
 * pinned version in the cache {@code .ci/run} installs into ({@code
 * ~/.cache/journeys/schemathesis-<version>/bin/schemathesis}), else {@code schemathesis} on the
 * PATH.
 */
final class Schemathesis {

  /** The version {@code .ci/run} installs; keep the two in step. */
  static final String PINNED_VERSION = "4.32.5";

  private final Path binary;

  private Schemathesis(Path binary) {
    this.binary = binary;
  }

  static Optional<Schemathesis> locate() {
    String explicit = System.getenv("SCHEMATHESIS");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable).map(Schemathesis::new);
    }
    Path cache =
        Path.of(
            System.getProperty("user.home"),
            ".cache",
            "journeys",
            "schemathesis-" + PINNED_VERSION);
    // .ci/run marks its virtualenv complete last: an interrupted install is not used
    Stream<Path> cached =
        Files.exists(cache.resolve(".complete"))
            ? Stream.of(cache.resolve("bin").resolve("schemathesis"))
            : Stream.empty();
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(
            cached,
            Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "schemathesis")))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Schemathesis::new);
  }

  /** What a run printed and how it ended. */
  record Run(int exitCode, String output) {

    /** The end of the output, where schemathesis sums up the failures, for assertion messages. */
    String summary() {
      int from = Math.max(0, output.length() - 6000);
      return output.substring(from);
    }
  }

  /**
   * {@code schemathesis run <arguments>} with the checks in {@code src/test/resources/schemathesis}
   * loadable, its output also written to {@code log}; killed after {@code atMost}.
   */
  Run run(List<String> arguments, Path log, Duration atMost)
      throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(binary.toString());
    command.add("run");
    command.addAll(arguments);
    var process =
        new ProcessBuilder(command)
            // its cache (.schemathesis/) goes next to the log, under target/, not into the module
            .directory(log.toAbsolutePath().getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = process.environment();
    env.put(
        "PYTHONPATH",
        Path.of("src", "test", "resources", "schemathesis").toAbsolutePath().toString());
    env.put("SCHEMATHESIS_HOOKS", "journeys_checks");
    env.put("NO_COLOR", "1"); // plain text in the log file
    Process running = process.start();
    if (!running.waitFor(atMost.toSeconds(), TimeUnit.SECONDS)) {
      running.descendants().forEach(ProcessHandle::destroyForcibly);
      running.destroyForcibly();
      running.waitFor(10, TimeUnit.SECONDS);
      return new Run(
          -1, "killed after " + atMost + "\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Run(running.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
