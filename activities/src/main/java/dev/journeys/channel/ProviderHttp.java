package dev.journeys.channel;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP plumbing every provider adapter shares: one client with the provider's timeouts, and the
 * retry classification Temporal acts on.
 *
 * <ul>
 *   <li>I/O errors and timeouts, 5xx, 408 → retried with the activity's backoff (503, 408 and
 *       connection failures marked as certainly not accepted, see {@link AttemptFailures})
 *   <li>429 → retried no sooner than the provider's {@code Retry-After} (seconds or HTTP date)
 *   <li>2xx and other 4xx → returned: only the adapter knows which refusals are permanent
 * </ul>
 */
public final class ProviderHttp {

  /** The Temporal failure type of a retryable provider error. */
  public static final String RETRYABLE = "ProviderUnavailable";

  /** The Temporal failure type of a provider asking us to slow down. */
  public static final String RATE_LIMITED = "ProviderRateLimited";

  private final String provider;
  private final Duration timeout;
  private final HttpClient http;
  private final Clock clock;

  public ProviderHttp(String provider, Duration timeout, Clock clock) {
    this.provider = provider;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A provider answer the adapter classifies: success or a refusal of this message. */
  public record Response(int status, String body, Optional<String> retryAfter) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * The longest one call may take: connecting, then waiting for the answer, each bounded by the
   * provider's timeout.
   */
  public Duration longestCall() {
    return timeout.multipliedBy(2);
  }

  /** A request builder with the provider's timeout set. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout);
  }

  /** Sends; throws a retryable {@link ApplicationFailure} for outages and rate limits. */
  public Response send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw retryable(provider + " unreachable at " + request.uri() + ": " + e, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw retryable("interrupted while calling " + provider, null, e);
    }
    int status = response.statusCode();
    Optional<String> retryAfter = response.headers().firstValue("Retry-After");
    if (status == 429) {
      throw rateLimited(
          provider + " answered 429 (will retry): " + response.body(),
          retryAfter.flatMap(this::retryDelay).orElse(null));
    }
    if (status >= 500 || status == 408) {
      String message = provider + " answered " + status + " (will retry): " + response.body();
      throw retryable(
          message,
          retryAfter.flatMap(this::retryDelay).orElse(null),
          // 503 and 408 say the request was not processed; 500, 502, 504 say nothing either way
          status == 503 || status == 408 ? new AttemptFailures.Declined(message) : null);
    }
    return new Response(status, response.body(), retryAfter);
  }

  /**
   * A retryable failure for a provider that reports throttling in its error body rather than with a
   * 429; waits {@code Retry-After} if the answer had one.
   */
  public ApplicationFailure rateLimited(Response response, String detail) {
    return rateLimited(
        provider + " is throttling (will retry): " + detail,
        response.retryAfter().flatMap(this::retryDelay).orElse(null));
  }

  /** A retryable failure for a temporary provider-side error reported in the body. */
  public ApplicationFailure temporary(String detail) {
    return retryable(provider + " reported a temporary error (will retry): " + detail, null, null);
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; empty when unreadable or past. */
  Optional<Duration> retryDelay(String header) {
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration delay = Duration.between(clock.instant(), at);
        return delay.isNegative() || delay.isZero() ? Optional.empty() : Optional.of(delay);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }

  private static ApplicationFailure rateLimited(String message, Duration delay) {
    return ApplicationFailure.newBuilder()
        .setType(RATE_LIMITED)
        .setMessage(message)
        .setNextRetryDelay(delay)
        .build();
  }

  private static ApplicationFailure retryable(String message, Duration delay, Throwable cause) {
    return ApplicationFailure.newBuilder()
        .setType(RETRYABLE)
        .setMessage(message)
        .setCause(cause)
        .setNextRetryDelay(delay)
        .build();
  }
}
