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
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system as a user runs it: the real Temporal dev server binary, real PostgreSQL, an
 * SMTP server and a Twilio-shaped SMS server on loopback, the worker and the API; driven over
 * HTTP only. The journey's waits are shortened through configuration.
 */
class AbandonedCartEndToEndTest {

  private static final Duration REMINDER_DELAY = Duration.ofSeconds(2);
  private static final Duration LAST_CALL_DELAY = Duration.ofSeconds(3);

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

    var workerProperties = stack.forWorker();
    workerProperties.put("journeys.abandoned-cart.reminder-delay", REMINDER_DELAY.toString());
    workerProperties.put("journeys.abandoned-cart.last-call-delay", LAST_CALL_DELAY.toString());
    // everyone in the SMS arm of the last-call experiment, nobody held out
    workerProperties.put("journeys.abandoned-cart.email-last-call-weight", "0");
    workerProperties.put("journeys.abandoned-cart.holdout-percent", "0");
    worker =
        JourneysWorkerApplication.builder().run(StackProperties.asCommandLine(workerProperties));
    api = JourneysApiApplication.builder().run(StackProperties.asCommandLine(stack.forApi()));
    apiUrl = URI.create("http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port"));
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
  void remindsByEmailThenSmsAndExplainsItInTheLedger() throws Exception {
    putCustomer("ada", "ada@shop.test", "+15551234567");

    var accepted = postEvent("e2e-ada-cart", "ada", "cart_abandoned");
    assertThat(accepted.statusCode()).isEqualTo(202);

    MimeMessage reminder =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> mailTo("ada@shop.test"), mails -> !mails.isEmpty())
            .getFirst();
    assertThat(reminder.getSubject()).isEqualTo("Ada, your cart is waiting");

    var lastCall =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> smsTo("+15551234567"), messages -> !messages.isEmpty())
            .getFirst();
    assertThat(lastCall.body()).contains("last call").contains("59.90");

    // the ledger explains both sends, over the API and in PostgreSQL itself; the provider may
    // answer a moment before the worker records SENT, so wait for the ledger to settle
    JsonNode timeline =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> json.readTree(get("/v1/customers/ada/messages").body()),
                t -> t.size() == 2 && t.findValuesAsText("status").stream().allMatch("SENT"::equals));
    assertThat(timeline.findValuesAsText("messageKey"))
        .containsExactlyInAnyOrder("cart-reminder", "cart-last-call");
    assertThat(ledgerRows("ada")).isEqualTo(2);
    assertThat(reminder.getMessageID())
        .isEqualTo(
            timeline.findValues("providerMessageId").stream()
                .map(JsonNode::asText)
                .filter(id -> id.startsWith("<"))
                .findFirst()
                .orElseThrow());

    // ops find the journey by its search attributes, with its outcome
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        temporalClient
                            .listExecutions(
                                "CustomerId = 'ada' AND Journey = 'abandoned-cart'"
                                    + " AND JourneyOutcome = 'COMPLETED'")
                            .toList())
                    .hasSize(1));
  }

  @Test
  void anOrderEndsTheJourneyAsConvertedAndNothingIsSent() throws Exception {
    putCustomer("bob", "bob@shop.test", "+15557654321");

    postEvent("e2e-bob-cart", "bob", "cart_abandoned");
    var order = postEvent("e2e-bob-order", "bob", "order_placed");
    assertThat(json.readTree(order.body()).at("/results/0/journeys/0/action").asText())
        .isEqualTo("signalled");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                temporalClient
                    .newUntypedWorkflowStub("journey/abandoned-cart/bob")
                    .describe()
                    .getStatus(),
            status -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(
            temporalClient
                .newUntypedWorkflowStub("journey/abandoned-cart/bob")
                .getResult(String.class))
        .isEqualTo("CONVERTED");
    // past the reminder delay, still no cart message went out (the order itself starts the
    // post-purchase journey, whose order confirmation is the only mail bob gets)
    Thread.sleep(REMINDER_DELAY.plusSeconds(1).toMillis());
    assertThat(mailTo("bob@shop.test"))
        .extracting(MimeMessage::getSubject)
        .allMatch(subject -> !subject.toLowerCase().contains("cart"));
    assertThat(smsTo("+15557654321")).isEmpty();
    assertThat(ledgerRows("bob", "cart-%")).isZero();
  }

  @Test
  void aRepeatedEventIsIgnored() throws Exception {
    putCustomer("cy", "cy@shop.test", null);
    postEvent("e2e-cy-cart", "cy", "cart_abandoned");
    var again = postEvent("e2e-cy-cart", "cy", "cart_abandoned");

    assertThat(json.readTree(again.body()).at("/results/0/status").asText()).isEqualTo("duplicate");
  }

  private void putCustomer(String id, String email, String phone) throws Exception {
    String body =
        """
        {"email":"%s",%s"timeZone":"Europe/Berlin","locale":"en","firstName":"%s",
         "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                     {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}"""
            .formatted(
                email,
                phone == null ? "" : "\"phone\":\"" + phone + "\",",
                Character.toUpperCase(id.charAt(0)) + id.substring(1));
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

  private static List<SmsSink.ReceivedSms> smsTo(String number) {
    return sms.receivedMessages().stream().filter(m -> m.to().equals(number)).toList();
  }

  private static long ledgerRows(String customer) throws Exception {
    return ledgerRows(customer, "%");
  }

  private static long ledgerRows(String customer, String messageKeys) throws Exception {
    try (var connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
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
}
