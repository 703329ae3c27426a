package dev.journeys.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The shop's backend as the bench plays it: plain HTTP/1.1 calls with the API key. */
final class JourneysApi {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;

  JourneysApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A customer with an email address and marketing consent by email. */
  void putCustomer(String customerId, String email) {
    call(
        "PUT",
        "/v1/customers/" + customerId,
        """
        {"email": "%s", "timeZone": "UTC", "locale": "en", "firstName": "Bench",
         "consents": [{"channel": "EMAIL", "topic": "MARKETING", "status": "GRANTED"}]}
        """
            .formatted(email),
        200);
  }

  /** Posts one event; throws unless it is accepted (202). */
  void postEvent(String eventId, String customerId, String type, String properties) {
    call("POST", "/v1/events", event(eventId, customerId, type, properties), 202);
  }

  /** Posts a JSON array of events in one request; returns the status code. */
  int postBatch(String jsonArray) {
    try {
      call("POST", "/v1/events", jsonArray, 202);
      return 202;
    } catch (IllegalStateException e) {
      var status = java.util.regex.Pattern.compile("answered (\\d+)").matcher(e.getMessage());
      System.out.println("  batch: " + e.getMessage());
      return status.find() ? Integer.parseInt(status.group(1)) : -1;
    }
  }

  static String event(String eventId, String customerId, String type, String properties) {
    return """
        {"eventId": "%s", "customerId": "%s", "type": "%s", "occurredAt": "%s", "properties": %s}"""
        .formatted(
            eventId,
            customerId,
            type,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            properties == null ? "{}" : properties);
  }

  private void call(String method, String path, String body, int expected) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + BenchStack.API_KEY)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
