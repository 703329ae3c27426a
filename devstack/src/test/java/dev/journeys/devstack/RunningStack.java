package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.api.JourneysApiApplication;
import dev.journeys.worker.JourneysWorkerApplication;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system as a user runs it, for the end-to-end tests: the real Temporal dev server
 * binary, real PostgreSQL, an SMTP server and a Twilio-shaped SMS server on loopback, the API and
 * the worker; with the HTTP calls, mailbox, SMS and ledger look-ups the tests drive it with.
 */
final class RunningStack implements AutoCloseable {

  /** The API's admin key (every scope) in the end-to-end tests; every API call sends it. */
  static final String ADMIN_KEY = "e2e-admin-key-0123456789-abcdefghijklmnop";

  private final LocalPostgres postgres;
  private final TemporalDevServer temporal;
  private final MailSink mail;
  private final SmsSink sms;
  private ConfigurableApplicationContext api;
  private ConfigurableApplicationContext worker;
  private URI apiUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  /** The API's codec-only listener the dev server's UI decodes payloads with; 0 if none. */
  private final int codecListenerPort;

  private RunningStack(int codecListenerPort) {
    this.codecListenerPort = codecListenerPort;
    postgres = LocalPostgres.startOnFreePort();
    temporal =
        TemporalDevServer.startOnFreePorts(
            Path.of("target"),
            codecListenerPort == 0 ? null : "http://127.0.0.1:" + codecListenerPort + "/codec");
    mail = MailSink.startOnFreePort();
    sms = SmsSink.startOnFreePort();
  }

  /**
   * Starts the stack. The API starts first, so that the worker can be configured with its URL (the
   * worker signs unsubscribe links that point at the API).
   *
   * @param apiConfig adds to or overrides the API's properties
   * @param workerConfig adds to or overrides the worker's properties, given the API's URL
   */
  static RunningStack start(
      Consumer<Map<String, Object>> apiConfig, BiConsumer<Map<String, Object>, URI> workerConfig) {
    return start(0, apiConfig, workerConfig);
  }

  /**
   * As {@link #start(Consumer, BiConsumer)}, with payloads encrypted under {@code codecKey} (API
   * and worker) and the dev server's Web UI pointed at the API's codec-only listener on a free
   * port, which allows the UI's origin.
   */
  static RunningStack startEncrypted(
      String codecKey,
      Consumer<Map<String, Object>> apiConfig,
      BiConsumer<Map<String, Object>, URI> workerConfig) {
    return start(
        FreePorts.pick(),
        api -> {
          api.put("journeys.codec.key", codecKey);
          apiConfig.accept(api);
        },
        (worker, apiUrl) -> {
          worker.put("journeys.codec.key", codecKey);
          workerConfig.accept(worker, apiUrl);
        });
  }

  private static RunningStack start(
      int codecListenerPort,
      Consumer<Map<String, Object>> apiConfig,
      BiConsumer<Map<String, Object>, URI> workerConfig) {
    var stack = new RunningStack(codecListenerPort);
    try {
      var properties = StackProperties.of(stack.postgres, stack.temporal, stack.mail, stack.sms);
      var apiProperties = properties.forApi();
      apiProperties.put(StackProperties.ADMIN_API_KEY, ADMIN_KEY);
      if (codecListenerPort != 0) {
        apiProperties.put("journeys.codec.server.port", codecListenerPort);
        apiProperties.put("journeys.codec.cors-origins", stack.temporal.uiUrl());
      }
      apiConfig.accept(apiProperties);
      stack.api =
          JourneysApiApplication.builder().run(StackProperties.asCommandLine(apiProperties));
      stack.apiUrl =
          URI.create(
              "http://127.0.0.1:" + stack.api.getEnvironment().getProperty("local.server.port"));
      var workerProperties = properties.forWorker();
      workerConfig.accept(workerProperties, stack.apiUrl);
      stack.worker =
          JourneysWorkerApplication.builder().run(StackProperties.asCommandLine(workerProperties));
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  URI apiUrl() {
    return apiUrl;
  }

  /** The API's codec-only listener, e.g. {@code http://127.0.0.1:8089}; only when encrypted. */
  URI codecListenerUrl() {
    if (codecListenerPort == 0) {
      throw new IllegalStateException("started without a codec listener");
    }
    return URI.create("http://127.0.0.1:" + codecListenerPort);
  }

  /** The dev server's Web UI, e.g. {@code http://127.0.0.1:8233}, and its namespace. */
  URI temporalUi() {
    return URI.create(temporal.uiUrl());
  }

  String temporalNamespace() {
    return temporal.namespace();
  }

  WorkflowClient temporalClient() {
    return worker.getBean(WorkflowClient.class);
  }

  /** Creates or replaces a customer with marketing consent on email and SMS. */
  void putCustomer(String id, String email, String phone) throws Exception {
    String body =
        """
        {"email":"%s",%s"timeZone":"Europe/Berlin","locale":"en","firstName":"%s",
         "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                     {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}"""
            .formatted(
                email,
                phone == null ? "" : "\"phone\":\"" + phone + "\",",
                Character.toUpperCase(id.charAt(0)) + id.substring(1));
    var response =
        send(HttpRequest.newBuilder(apiUrl.resolve("/v1/customers/" + id)).PUT(json(body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  HttpResponse<String> postEvent(String eventId, String customer, String type) throws Exception {
    String body =
        """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"2026-11-23T10:00:00Z",
         "properties":{"cartTotal":"59.90"}}"""
            .formatted(eventId, customer, type);
    return send(HttpRequest.newBuilder(apiUrl.resolve("/v1/events")).POST(json(body)));
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(apiUrl.resolve(path)).GET());
  }

  HttpResponse<String> delete(String path) throws Exception {
    return send(HttpRequest.newBuilder(apiUrl.resolve(path)).DELETE());
  }

  HttpResponse<String> post(String path, String jsonBody) throws Exception {
    return send(HttpRequest.newBuilder(apiUrl.resolve(path)).POST(json(jsonBody)));
  }

  HttpResponse<String> patch(String path, String jsonBody) throws Exception {
    return send(HttpRequest.newBuilder(apiUrl.resolve(path)).method("PATCH", json(jsonBody)));
  }

  /** A form POST to an absolute URL, with extra headers as name, value pairs. */
  HttpResponse<String> postForm(String url, String form, String... headers) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.BodyPublisher json(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  List<MimeMessage> mailTo(String address) {
    return Arrays.stream(mail.receivedMessages())
        .filter(
            m -> {
              try {
                return m.getAllRecipients()[0].toString().equals(address);
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  List<SmsSink.ReceivedSms> smsTo(String number) {
    return sms.receivedMessages().stream().filter(m -> m.to().equals(number)).toList();
  }

  /** Waits until the workflow has completed. */
  void awaitCompleted(String workflowId, Duration atMost) {
    await()
        .atMost(atMost)
        .until(
            () -> temporalClient().newUntypedWorkflowStub(workflowId).describe().getStatus(),
            status -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  /** How many SENT ledger rows the customer has, read from PostgreSQL itself. */
  long ledgerRows(String customer) throws Exception {
    return ledgerRows(customer, "%");
  }

  /** How many SENT ledger rows the customer has whose message key is {@code like} the pattern. */
  long ledgerRows(String customer, String messageKeys) throws Exception {
    try (var connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        var statement =
            connection.prepareStatement(
                "select count(*) from message_ledger where customer_id = ? and status = 'SENT'"
                    + " and message_key like ?")) {
      statement.setString(1, customer);
      statement.setString(2, messageKeys);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Override
  public void close() {
    for (AutoCloseable part : Arrays.asList(api, worker, sms, mail, temporal, postgres)) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        System.err.println("could not stop " + part + ": " + e);
      }
    }
  }
}
