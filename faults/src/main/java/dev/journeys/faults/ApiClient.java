package dev.journeys.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A shop's backend calling the API: every request is timed and kept, and {@link #deliver} retries
 * until the API accepts, sending the very same body (so the same {@code eventId}) each time, as the
 * API's contract asks of senders.
 */
final class ApiClient {

  /** A request that got no answer within this long counts as hanging. */
  static final Duration HANG = Duration.ofSeconds(30);

  static final int TIMED_OUT = 0;
  static final int UNREACHABLE = -1;

  /** One request: when it started, how long it took, the status (or TIMED_OUT/UNREACHABLE). */
  record Sample(Instant start, Duration took, int status, String what) {}

  private final String baseUrl;
  private final String apiKey;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
          .build();
  private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();

  ApiClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** One attempt; returns the status, or TIMED_OUT / UNREACHABLE. */
  int send(String method, String path, String json, String what) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(HANG)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + apiKey);
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    Instant start = Instant.now();
    int status;
    try {
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      status = TIMED_OUT;
    } catch (IOException e) {
      status = UNREACHABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    samples.add(new Sample(start, Duration.between(start, Instant.now()), status, what));
    return status;
  }

  /**
   * Retries the same request until a 2xx, a refusal that retrying cannot change (4xx other than
   * 408/409/429), or {@code giveUpAt}. Returns whether it was accepted.
   */
  boolean deliver(String method, String path, String json, String what, Instant giveUpAt) {
    Duration backoff = Duration.ofMillis(500);
    while (true) {
      int status = send(method, path, json, what);
      if (status >= 200 && status < 300) {
        return true;
      }
      if (status >= 400 && status < 500 && status != 408 && status != 409 && status != 429) {
        return false;
      }
      if (Instant.now().plus(backoff).isAfter(giveUpAt)) {
        return false;
      }
      Pause.of(backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(Duration.ofSeconds(4)) > 0
              ? Duration.ofSeconds(4)
              : backoff.multipliedBy(2);
    }
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }
}
