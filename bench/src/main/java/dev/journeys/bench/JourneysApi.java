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

  /** The answer to a batch: its status code, the batch's {@code Location} (null if none), body. */
  record BatchAnswer(int status, String location, String body) {}

  /** Posts a JSON array of events in one request. */
  BatchAnswer postBatch(String jsonArray) {
    var response = send("POST", "/v1/events", jsonArray);
    if (response.statusCode() != 202 && response.statusCode() != 200) {
      System.out.println("  batch: answered " + response.statusCode() + ": " + response.body());
    }
    return new BatchAnswer(
        response.statusCode(),
        response.headers().firstValue("Location").orElse(null),
        response.body());
  }

  /** A batch's status ({@code GET} its location), as JSON text. */
  String batchStatus(String location) {
    var response = send("GET", location, null);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + location + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private HttpResponse<String> send(String method, String path, String body) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + BenchStack.API_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
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
