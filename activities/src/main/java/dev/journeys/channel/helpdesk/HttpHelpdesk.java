package dev.journeys.channel.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.handoff.HandoffRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opens helpdesk tickets over HTTP in the shape of Zendesk's Tickets API: {@code POST
 * /api/v2/tickets.json} with {@code {"ticket": {...}}}, answered with the ticket and its id. The
 * journey's context goes into a private first comment. 4xx answers other than 429 are permanent
 * (not retried); 429, 5xx and I/O errors are retried by the activity.
 */
public class HttpHelpdesk {

  private final HelpdeskProperties properties;
  private final ObjectMapper json;
  private final HttpClient http;

  public HttpHelpdesk(HelpdeskProperties properties, ObjectMapper json) {
    this.properties = properties.validated();
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  /** Opens the ticket and returns the helpdesk's id for it. */
  public String openTicket(HandoffRequest handoff) {
    URI uri = properties.baseUrl().resolve("/api/v2/tickets.json");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(properties.timeout())
            .header("Authorization", authorization())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            // Zendesk honours it for ticket creation: a retried request opens no second ticket
            .header("Idempotency-Key", handoff.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(body(handoff), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("helpdesk unreachable at " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening a ticket", e);
    }
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      return ticketId(response.body());
    }
    if (status == 429 || status >= 500) {
      throw new IllegalStateException(
          "helpdesk answered " + status + " (will retry): " + response.body());
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "helpdesk refused the ticket with " + status + ": " + response.body(), "HelpdeskRefused");
  }

  private String authorization() {
    if (properties.bearerToken() != null && !properties.bearerToken().isBlank()) {
      return "Bearer " + properties.bearerToken();
    }
    String credentials = properties.username() + "/token:" + properties.apiToken();
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private String body(HandoffRequest handoff) {
    ObjectNode ticket = json.createObjectNode();
    ticket.put("subject", handoff.subject());
    ticket.put("priority", handoff.priority());
    ticket.put("external_id", handoff.idempotencyKey());
    var tags = ticket.putArray("tags").add("journeys");
    if (handoff.journey() != null) {
      tags.add(handoff.journey());
    }
    var comment = ticket.putObject("comment");
    comment.put("body", HandoffContext.describe(handoff));
    comment.put("public", false);
    var fields = ticket.putObject("journeys");
    fields.put("customerId", handoff.customerId());
    fields.put("journey", handoff.journey());
    fields.put("step", handoff.step());
    fields.put("reason", handoff.reason());
    fields.set("events", json.valueToTree(handoff.events()));
    fields.set("messages", json.valueToTree(handoff.messages()));
    fields.set("profile", json.valueToTree(handoff.profile()));
    ObjectNode root = json.createObjectNode();
    root.set("ticket", ticket);
    try {
      return json.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write ticket JSON", e);
    }
  }

  private String ticketId(String body) {
    try {
      JsonNode id = json.readTree(body).at("/ticket/id");
      if (id.isMissingNode() || id.asText().isBlank()) {
        throw new IllegalStateException("helpdesk answer has no ticket id: " + body);
      }
      return id.asText();
    } catch (IOException e) {
      throw new IllegalStateException("helpdesk answer is not JSON: " + body, e);
    }
  }
}
