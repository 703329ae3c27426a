package dev.journeys.faults;

import dev.journeys.devstack.FreePorts;
import dev.journeys.devstack.LocalPostgres;
import dev.journeys.devstack.MailSink;
import dev.journeys.devstack.SmsSink;
import dev.journeys.devstack.TemporalDevServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system under test, each part its own process on loopback: PostgreSQL (restartable on the same
 * data directory), the Temporal dev server (restartable on the same SQLite file), the mail sink,
 * the faulty SMS sink, and the worker and API from their exec jars.
 */
final class Stack implements AutoCloseable {

  /** The API key the load and the probes send (every scope), new for each run. */
  static final String ADMIN_API_KEY =
      "faults-"
          + java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(20));

  private static final Logger log = LoggerFactory.getLogger(Stack.class);
  static final Duration APP_START_TIMEOUT = Duration.ofSeconds(240);

  private final Path dir;
  private final int postgresPort = freePort();
  private final int temporalPort = freePort();
  private final int temporalUiPort = freePort();
  private LocalPostgres postgres;
  private TemporalDevServer temporal;
  private MailSink mail;
  private FaultySmsSink sms;
  private AppProcess worker;
  private AppProcess api;

  private Stack(Path dir) {
    this.dir = dir;
  }

  static Stack start(Path dir, SuiteOptions options, Path workerJar, Path apiJar) {
    Stack stack = new Stack(dir);
    try {
      stack.startAll(options, workerJar, apiJar);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(SuiteOptions options, Path workerJar, Path apiJar) {
    startPostgres();
    startTemporal();
    mail = MailSink.startOnFreePort();
    sms = new FaultySmsSink(Duration.ofSeconds(15));
    String jdbc = postgres.jdbcUrl();
    List<String> shared =
        List.of(
            "--spring.datasource.url=" + jdbc,
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--spring.temporal.connection.target=127.0.0.1:" + temporalPort,
            "--spring.temporal.namespace=" + TemporalDevServer.NAMESPACE);
    int apiPort = freePort();
    String unsubscribe = "--journeys.unsubscribe.base-url=http://127.0.0.1:" + apiPort;
    worker =
        new AppProcess(
            "worker",
            workerJar,
            freePort(),
            concat(
                shared,
                List.of(
                    unsubscribe,
                    "--spring.mail.host=" + mail.host(),
                    "--spring.mail.port=" + mail.smtpPort(),
                    "--journeys.channels.sms.base-url=" + sms.baseUrl(),
                    "--journeys.channels.sms.account-sid=" + SmsSink.ACCOUNT_SID,
                    "--journeys.channels.sms.auth-token=" + SmsSink.AUTH_TOKEN,
                    // the suite runs at any hour: quiet hours would defer marketing to morning
                    "--journeys.policies.quiet-hours.enabled=false")),
            Map.of(
                "JOURNEYS_ABANDONED_CART_REMINDER_DELAY",
                options.cartDelay().toSeconds() + "s",
                "JOURNEYS_ABANDONED_CART_LAST_CALL_DELAY",
                options.cartDelay().toSeconds() + "s"),
            dir.resolve("logs/worker.log"));
    api =
        new AppProcess(
            "api",
            apiJar,
            apiPort,
            concat(
                shared,
                List.of(
                    unsubscribe,
                    // a throwaway stack: its well-known dev secrets are fine, the key is per run
                    "--journeys.security.allow-dev-secrets=true",
                    "--journeys.security.admin-api-key=" + ADMIN_API_KEY)),
            Map.of(),
            dir.resolve("logs/api.log"));
    // both at once (Flyway serialises their migrations with a database lock)
    worker.start();
    api.start();
    worker.awaitHealthy(APP_START_TIMEOUT);
    api.awaitHealthy(APP_START_TIMEOUT);
  }

  void startPostgres() {
    postgres = LocalPostgres.startKeepingData(postgresPort, dir.resolve("postgres"));
  }

  void stopPostgres() {
    postgres.close();
  }

  void startTemporal() {
    temporal =
        TemporalDevServer.start(
            temporalPort,
            temporalUiPort,
            dir.resolve("temporal.db"),
            dir.resolve("logs/temporal.log"));
  }

  void stopTemporal() {
    temporal.close();
  }

  /** Restarts a process in the background, so a fault can overlap with the next one's setup. */
  static CompletableFuture<Void> restart(AppProcess app) {
    return CompletableFuture.runAsync(
        () -> {
          app.start();
          app.awaitHealthy(APP_START_TIMEOUT);
        });
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + LocalPostgres.DATABASE;
  }

  String temporalAddress() {
    return "127.0.0.1:" + temporalPort;
  }

  Path dir() {
    return dir;
  }

  MailSink mail() {
    return mail;
  }

  FaultySmsSink sms() {
    return sms;
  }

  AppProcess worker() {
    return worker;
  }

  AppProcess api() {
    return api;
  }

  @Override
  public void close() {
    for (AutoCloseable part : new AutoCloseable[] {api, worker, sms, mail, temporal, postgres}) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        log.warn("could not stop {}: {}", part, e.getMessage());
      }
    }
  }

  static Path freshDirectory() {
    try {
      return Files.createTempDirectory("journeys-faults-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static int freePort() {
    return FreePorts.pick();
  }
}
