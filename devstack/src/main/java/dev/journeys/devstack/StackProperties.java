package dev.journeys.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the worker and the API find the rest of the system, as the Spring properties both
 * applications read. The local stack and the end-to-end tests build the same keys from here.
 *
 * <p>A {@code null} part means "configured from the environment": its keys are left out, so the
 * applications' own {@code ${ENV_VAR:default}} placeholders apply.
 *
 * <p>Pass the maps with {@link #asCommandLine(Map)} to {@code builder().run(...)}. Do not use
 * {@code SpringApplicationBuilder.properties(map)}: those are default properties, the lowest
 * precedence, so the defaults in {@code journeys-worker.yml} and {@code journeys-api.yml} would
 * win.
 *
 * @param database PostgreSQL, or {@code null}
 * @param temporal the Temporal frontend, or {@code null}
 * @param mail the SMTP server, or {@code null}
 * @param sms the Twilio-shaped SMS provider, or {@code null}
 * @param apiPort HTTP port of the API ({@code 0} for a random one)
 * @param workerPort HTTP (actuator) port of the worker ({@code 0} for a random one)
 */
public record StackProperties(
    Database database, Temporal temporal, Mail mail, Sms sms, int apiPort, int workerPort) {

  public static final int DEV_API_PORT = 8080;
  public static final int DEV_WORKER_PORT = 8081;
  public static final String SMS_FROM = "+15550000000";

  /** The API's admin key property (every scope); the local stack and the tests set one. */
  public static final String ADMIN_API_KEY = "journeys.security.admin-api-key";

  /**
   * Spring Security is on this JVM's class path for the API; the worker's only HTTP endpoints are
   * actuator's, which it does not secure on its own either.
   */
  private static final String WORKER_WITHOUT_WEB_SECURITY =
      String.join(
          ",",
          "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
          "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration");

  /** A JDBC database. */
  public record Database(String jdbcUrl, String username, String password) {
    public static Database of(LocalPostgres postgres) {
      return new Database(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
  }

  /** A Temporal frontend, e.g. {@code 127.0.0.1:7233}, and the namespace to use. */
  public record Temporal(String target, String namespace) {
    public static Temporal of(TemporalDevServer server) {
      return new Temporal(server.address(), server.namespace());
    }
  }

  /** An SMTP server. */
  public record Mail(String host, int port) {
    public static Mail of(MailSink sink) {
      return new Mail(sink.host(), sink.smtpPort());
    }
  }

  /** A Twilio-shaped SMS provider. */
  public record Sms(String baseUrl, String accountSid, String authToken, String from) {
    public static Sms of(SmsSink sink) {
      return new Sms(sink.baseUrl(), sink.accountSid(), sink.authToken(), SMS_FROM);
    }
  }

  /** All four local pieces, with the API and worker on random ports: what a test wants. */
  public static StackProperties of(
      LocalPostgres postgres, TemporalDevServer temporal, MailSink mail, SmsSink sms) {
    return new StackProperties(
        Database.of(postgres), Temporal.of(temporal), Mail.of(mail), Sms.of(sms), 0, 0);
  }

  /** The same with other HTTP ports. */
  public StackProperties withPorts(int apiPort, int workerPort) {
    return new StackProperties(database, temporal, mail, sms, apiPort, workerPort);
  }

  /** Properties for the worker; a fresh mutable map, so callers may add overrides. */
  public Map<String, Object> forWorker() {
    Map<String, Object> properties = shared();
    if (mail != null) {
      properties.put("spring.mail.host", mail.host());
      properties.put("spring.mail.port", mail.port());
    }
    if (sms != null) {
      properties.put("journeys.channels.sms.base-url", sms.baseUrl());
      properties.put("journeys.channels.sms.account-sid", sms.accountSid());
      properties.put("journeys.channels.sms.auth-token", sms.authToken());
      properties.put("journeys.channels.sms.from", sms.from());
    }
    properties.put("server.port", workerPort);
    properties.put("spring.autoconfigure.exclude", WORKER_WITHOUT_WEB_SECURITY);
    return properties;
  }

  /** Properties for the API; a fresh mutable map, so callers may add overrides. */
  public Map<String, Object> forApi() {
    Map<String, Object> properties = shared();
    properties.put("server.port", apiPort);
    // the development secrets of the local pieces (unsubscribe, SMS sink token) are fine here
    properties.put("journeys.security.allow-dev-secrets", true);
    return properties;
  }

  /** {@code --key=value} arguments, which take precedence over the applications' YAML. */
  public static String[] asCommandLine(Map<String, Object> properties) {
    return properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  private Map<String, Object> shared() {
    Map<String, Object> properties = new LinkedHashMap<>();
    // Both applications share one JVM and one Logback, whose application-name label would show
    // the first application's name on every line.
    properties.put("logging.include-application-name", false);
    if (database != null) {
      properties.put("spring.datasource.url", database.jdbcUrl());
      properties.put("spring.datasource.username", database.username());
      properties.put("spring.datasource.password", database.password());
    }
    if (temporal != null) {
      properties.put("spring.temporal.connection.target", temporal.target());
      properties.put("spring.temporal.namespace", temporal.namespace());
    }
    return properties;
  }
}
