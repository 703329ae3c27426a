package dev.journeys.devstack;

import dev.journeys.api.JourneysApiApplication;
import dev.journeys.devstack.StackProperties.Database;
import dev.journeys.devstack.StackProperties.Mail;
import dev.journeys.devstack.StackProperties.Sms;
import dev.journeys.devstack.StackProperties.Temporal;
import dev.journeys.worker.JourneysWorkerApplication;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;

/**
 * The whole system on one machine with one command: PostgreSQL, a Temporal dev server with its UI,
 * sinks for mail and SMS, then the worker and the API in this same JVM. Anything already provided
 * through the environment ({@code SPRING_DATASOURCE_URL}, {@code TEMPORAL_ADDRESS}, {@code
 * SPRING_MAIL_HOST}, {@code JOURNEYS_CHANNELS_SMS_BASE_URL}) is used instead of started.
 *
 * <p>The API accepts the admin key printed in the banner (from {@code JOURNEYS_ADMIN_API_KEY}, or
 * generated once into {@code .journeys/admin-api-key}) and the stack's development secrets.
 *
 * <p>State and logs live in {@code .journeys/} under the working directory. Ctrl-C stops
 * everything, newest first.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  public static void main(String[] args) {
    LocalStack stack = new LocalStack();
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
    try {
      stack.start(Path.of(".journeys").toAbsolutePath());
    } catch (RuntimeException e) {
      log.error("The local stack did not start: {}", e.getMessage(), e);
      stack.close();
      System.exit(1);
    }
  }

  private void start(Path workDir) {
    Database database = null;
    if (!configured("SPRING_DATASOURCE_URL")) {
      database = Database.of(started(LocalPostgres.startForDevelopment(workDir)));
    }
    Temporal temporal = null;
    String temporalUi;
    if (configured("TEMPORAL_ADDRESS")) {
      temporalUi = "(external Temporal at " + System.getenv("TEMPORAL_ADDRESS") + ")";
    } else {
      TemporalDevServer server = started(TemporalDevServer.startForDevelopment(workDir));
      server.stopOnlyWhenClosed(); // by our shutdown hook, after the worker and the API
      temporal = Temporal.of(server);
      temporalUi = server.uiUrl();
    }
    Mail mail = null;
    String mailDestination = "SMTP " + System.getenv("SPRING_MAIL_HOST") + " (external)";
    if (!configured("SPRING_MAIL_HOST")) {
      mail = Mail.of(started(MailSink.startForDevelopment()));
      mailDestination = "mail sink smtp://" + mail.host() + ":" + mail.port() + ", logged here";
    }
    Sms sms = null;
    String smsDestination = System.getenv("JOURNEYS_CHANNELS_SMS_BASE_URL") + " (external)";
    if (!configured("JOURNEYS_CHANNELS_SMS_BASE_URL")) {
      sms = Sms.of(started(SmsSink.startForDevelopment()));
      smsDestination = "SMS sink " + sms.baseUrl() + ", logged here";
    }
    StackProperties properties =
        new StackProperties(database, temporal, mail, sms, apiPort(), workerPort());
    String adminKey = DevAdminKey.forDevelopment(workDir);
    var apiProperties = properties.forApi();
    apiProperties.put(StackProperties.ADMIN_API_KEY, adminKey);

    started(
        JourneysWorkerApplication.builder()
            .main(JourneysWorkerApplication.class)
            .bannerMode(Banner.Mode.OFF)
            .registerShutdownHook(false)
            .run(StackProperties.asCommandLine(properties.forWorker())));
    started(
        JourneysApiApplication.builder()
            .main(JourneysApiApplication.class)
            .bannerMode(Banner.Mode.OFF)
            .registerShutdownHook(false)
            .run(StackProperties.asCommandLine(apiProperties)));

    System.out.println(
        LocalStackBanner.text(
            "http://127.0.0.1:" + properties.apiPort(),
            temporalUi,
            mailDestination,
            smsDestination,
            adminKey));
  }

  /** System property {@code journeys.api.port} moves the API off 8080, e.g. when 8080 is taken. */
  private static int apiPort() {
    return Integer.getInteger("journeys.api.port", StackProperties.DEV_API_PORT);
  }

  private static int workerPort() {
    return Integer.getInteger("journeys.worker.port", StackProperties.DEV_WORKER_PORT);
  }

  private static boolean configured(String environmentVariable) {
    String value = System.getenv(environmentVariable);
    return value != null && !value.isBlank();
  }

  private <T extends AutoCloseable> T started(T component) {
    running.push(component);
    return component;
  }

  /** Stops what was started, newest first, so nothing loses its dependencies while running. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      AutoCloseable component = running.pop();
      try {
        component.close();
      } catch (Exception e) {
        log.warn("Could not stop {} cleanly: {}", component, e.getMessage());
      }
    }
  }
}
