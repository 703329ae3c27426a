package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An opt-out that arrives between two steps of a running journey stops the next message, and
 * the ledger says why; on the real Temporal dev server, PostgreSQL, SMTP and SMS sinks, driven
 * over HTTP only.
 */
class OptOutEndToEndTest {

  private static final Duration REMINDER_DELAY = Duration.ofSeconds(2);
  // long enough to opt out after the reminder arrives and before the last call is decided
  private static final Duration LAST_CALL_DELAY = Duration.ofSeconds(6);

  private static final String SMS_AUTH_TOKEN = "e2e-sms-auth-token";
  private static final String UNSUBSCRIBE_SECRET = "e2e-unsubscribe-secret";

  private static LocalPostgres postgres;
  private static TemporalDevServer temporal;
  private static MailSink mail;
  private static SmsSink sms;
  private static ConfigurableApplicationContext worker;
  private static ConfigurableApplicationContext api;
  private static URI apiUrl;
  private static WorkflowClient temporalClient;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startTheSystem() {
    postgres = LocalPostgres.startOnFreePort();
    temporal = TemporalDevServer.startOnFreePorts(Path.of("target"));
    mail = MailSink.startOnFreePort();
    sms = SmsSink.startOnFreePort();
    var stack = StackProperties.of(postgres, temporal, mail, sms);

    // the API first: the worker signs unsubscribe links that point at it
    var apiProperties = stack.forApi();
    apiProperties.put("journeys.webhooks.sms.auth-token", SMS_AUTH_TOKEN);
    apiProperties.put("journeys.unsubscribe.secret", UNSUBSCRIBE_SECRET);
    api = JourneysApiApplication.builder().run(StackProperties.asCommandLine(apiProperties));
    apiUrl = URI.create("http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port"));

    var workerProperties = stack.forWorker();
    workerProperties.put("journeys.abandoned-cart.reminder-delay", REMINDER_DELAY.toString());
    workerProperties.put("journeys.abandoned-cart.last-call-delay", LAST_CALL_DELAY.toString());
    workerProperties.put("journeys.unsubscribe.base-url", apiUrl.toString());
    workerProperties.put("journeys.unsubscribe.secret", UNSUBSCRIBE_SECRET);
    worker =
        JourneysWorkerApplication.builder().run(StackProperties.asCommandLine(workerProperties));
    temporalClient = worker.getBean(WorkflowClient.class);
  }

  @AfterAll
  static void stopTheSystem() {
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

  @Test
  void anOptOutBetweenTwoStepsSuppressesTheLastCallAndTheLedgerSaysWhy() throws Exception {
    putCustomer("olive", "olive@shop.test", "+15559876543");
    assertThat(postEvent("e2e-olive-cart", "olive", "cart_abandoned").statusCode()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> mailTo("olive@shop.test"), mails -> !mails.isEmpty());
    var optOut =
        send(
            HttpRequest.newBuilder(apiUrl.resolve("/v1/customers/olive/consents"))
                .method(
                    "PATCH",
                    json(
                        """
                        [{"channel":"SMS","topic":"MARKETING","status":"DENIED"},
                         {"channel":"EMAIL","topic":"MARKETING","status":"DENIED"}]""")));
    assertThat(optOut.statusCode()).as(optOut.body()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                temporalClient
                    .newUntypedWorkflowStub("journey/abandoned-cart/olive")
                    .describe()
                    .getStatus(),
            status -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    assertThat(mailTo("olive@shop.test")).hasSize(1);
    assertThat(sms.receivedMessages()).noneMatch(m -> m.to().equals("+15559876543"));
    JsonNode timeline = json.readTree(get("/v1/customers/olive/messages").body());
    assertThat(timeline)
        .extracting(
            e ->
                e.get("messageKey").asText()
                    + " " + e.get("channel").asText()
                    + " " + e.get("status").asText()
                    + (e.has("reason") ? " " + e.get("reason").asText() : ""))
        .containsExactlyInAnyOrder(
            "cart-reminder EMAIL SENT",
            "cart-last-call SMS SUPPRESSED opted_out",
            "cart-last-call EMAIL SUPPRESSED opted_out");
    JsonNode history = json.readTree(get("/v1/customers/olive/consents/history").body());
    assertThat(history.findValuesAsText("status")).containsSubsequence("GRANTED", "DENIED");
  }

  @Test
  void aOneClickUnsubscribeAndAnSmsStopFromTheCustomerStopTheLastCall() throws Exception {
    putCustomer("una", "una@shop.test", "+15559870001");
    assertThat(postEvent("e2e-una-cart", "una", "cart_abandoned").statusCode()).isEqualTo(202);

    MimeMessage reminder =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> mailTo("una@shop.test"), mails -> !mails.isEmpty())
            .getFirst();
    assertThat(reminder.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    String link = reminder.getHeader("List-Unsubscribe", null).replaceAll("^<|>$", "");
    assertThat(link).startsWith(apiUrl + "/v1/unsubscribe?token=");

    // the mailbox provider's one-click button (RFC 8058)
    var unsubscribed =
        http.send(
            HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
    // the customer texts STOP; the SMS provider calls our webhook, signed with the auth token
    var webhookUrl = apiUrl + "/v1/webhooks/sms/inbound";
    var form = java.util.Map.of("From", "+15559870001", "To", StackProperties.SMS_FROM, "Body", "STOP");
    var stop =
        http.send(
            HttpRequest.newBuilder(URI.create(webhookUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "X-Twilio-Signature",
                    dev.journeys.api.webhooks.TwilioSignature.sign(
                        SMS_AUTH_TOKEN,
                        webhookUrl,
                        form.entrySet().stream()
                            .collect(
                                java.util.stream.Collectors.toMap(
                                    java.util.Map.Entry::getKey, e -> List.of(e.getValue())))))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "From=%2B15559870001&To=" + java.net.URLEncoder.encode(StackProperties.SMS_FROM, java.nio.charset.StandardCharsets.UTF_8) + "&Body=STOP"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                temporalClient
                    .newUntypedWorkflowStub("journey/abandoned-cart/una")
                    .describe()
                    .getStatus(),
            status -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(mailTo("una@shop.test")).hasSize(1);
    assertThat(sms.receivedMessages()).noneMatch(m -> m.to().equals("+15559870001"));
    JsonNode timeline = json.readTree(get("/v1/customers/una/messages").body());
    assertThat(timeline.findValuesAsText("reason")).containsOnly("opted_out").hasSize(2);
    JsonNode history = json.readTree(get("/v1/customers/una/consents/history").body());
    assertThat(history.findValuesAsText("source")).contains("unsubscribe-link", "sms-keyword");
  }

  private void putCustomer(String id, String email, String phone) throws Exception {
    String body =
        """
        {"email":"%s","phone":"%s","timeZone":"Europe/Berlin","locale":"en","firstName":"Olive",
         "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                     {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}"""
            .formatted(email, phone);
    var response = send(HttpRequest.newBuilder(apiUrl.resolve("/v1/customers/" + id)).PUT(json(body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private HttpResponse<String> postEvent(String eventId, String customer, String type)
      throws Exception {
    String body =
        """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"2026-11-23T10:00:00Z",
         "properties":{"cartTotal":"59.90"}}"""
            .formatted(eventId, customer, type);
    return send(HttpRequest.newBuilder(apiUrl.resolve("/v1/events")).POST(json(body)));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(apiUrl.resolve(path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.BodyPublisher json(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  private static List<MimeMessage> mailTo(String address) {
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
}
