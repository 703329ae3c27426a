package dev.journeys.channel.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.CustomerEvent;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.journey.JourneyState;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import io.temporal.failure.ApplicationFailure;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Zendesk-shaped helpdesk adapter against a real HTTP server on loopback. */
class HttpHelpdeskTest {

  record Received(String method, String path, Map<String, String> headers, String body) {}

  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int status = 201;
  private volatile String answer = "{\"ticket\":{\"id\":4711,\"status\":\"new\"}}";

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          var headers = new java.util.HashMap<String, String>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  headers,
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void opensATicketWithTheJourneysContextUsingBasicTokenAuth() throws Exception {
    var activities =
        new HandoffActivitiesImpl(
            Optional.of(
                helpdesk(
                    new HelpdeskProperties(
                        url(), "agent@shop.test", "s3cret", null, Duration.ofSeconds(5)))));

    var ticket = activities.openTicket(request());

    assertThat(ticket.ticketId()).isEqualTo("4711");
    var call = received.getFirst();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/api/v2/tickets.json");
    assertThat(call.headers().get("authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        "agent@shop.test/token:s3cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(call.headers().get("idempotency-key")).isEqualTo("journey/x/c-1/run/triage/handoff");
    assertThat(call.headers().get("content-type")).startsWith("application/json");
    JsonNode body = json.readTree(call.body()).get("ticket");
    assertThat(body.get("subject").asText()).isEqualTo("Damaged parcel");
    assertThat(body.get("priority").asText()).isEqualTo("urgent");
    assertThat(body.get("external_id").asText()).isEqualTo("journey/x/c-1/run/triage/handoff");
    assertThat(body.at("/comment/public").asBoolean()).isFalse();
    assertThat(body.at("/comment/body").asText())
        .contains("support-escalation")
        .contains("damaged_order")
        .contains("ticket_opened")
        .contains("support-answer")
        .contains("tier: vip")
        .contains("Europe/Berlin");
    assertThat(body.at("/journeys/events/0/type").asText()).isEqualTo("ticket_opened");
    assertThat(body.at("/journeys/messages/0/messageKey").asText()).isEqualTo("support-answer");
  }

  @Test
  void usesABearerTokenWhenConfigured() {
    var desk =
        helpdesk(new HelpdeskProperties(url(), null, null, "oauth-token", Duration.ofSeconds(5)));

    desk.openTicket(request());

    assertThat(received.getFirst().headers().get("authorization")).isEqualTo("Bearer oauth-token");
  }

  @Test
  void aRefusedTicketIsNotRetried() {
    status = 422;
    answer = "{\"error\":\"RecordInvalid\"}";
    var desk = helpdesk(new HelpdeskProperties(url(), null, null, "t", Duration.ofSeconds(5)));

    assertThatThrownBy(() -> desk.openTicket(request()))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(e -> assertThat(((ApplicationFailure) e).isNonRetryable()).isTrue())
        .hasMessageContaining("422");
  }

  @Test
  void anOutageIsRetried() {
    status = 503;
    answer = "{}";
    var desk = helpdesk(new HelpdeskProperties(url(), null, null, "t", Duration.ofSeconds(5)));

    assertThatThrownBy(() -> desk.openTicket(request()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("will retry");
  }

  @Test
  void withoutAHelpdeskAHandoffFailsNamingTheSetting() {
    assertThatThrownBy(() -> new HandoffActivitiesImpl(Optional.empty()).openTicket(request()))
        .hasMessageContaining("journeys.channels.helpdesk.base-url");
    assertThatThrownBy(
            () ->
                helpdesk(
                    new HelpdeskProperties(url(), "user-only", null, null, Duration.ofSeconds(1))))
        .hasMessageContaining("api-token");
  }

  private HttpHelpdesk helpdesk(HelpdeskProperties properties) {
    return new HttpHelpdesk(properties, json);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static HandoffRequest request() {
    return new HandoffRequest(
        "journey/x/c-1/run/triage/handoff",
        "c-1",
        "support-escalation",
        "triage",
        "Damaged parcel",
        "urgent",
        "damaged_order",
        List.of(
            new CustomerEvent(
                "t-1",
                "c-1",
                "ticket_opened",
                Instant.parse("2026-11-23T10:00:00Z"),
                Map.of("category", "damaged_order"))),
        List.of(
            new JourneyState.MessageRecord(
                "automated-answer",
                "support-answer",
                Channel.EMAIL,
                new SendOutcome.Sent(Channel.EMAIL, "m-1"))),
        new CustomerProfile("c-1", "Europe/Berlin", Channel.EMAIL, Map.of("tier", "vip")));
  }
}
