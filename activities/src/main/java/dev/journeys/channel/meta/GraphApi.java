package dev.journeys.channel.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.channel.ProviderHttp;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Posting a message to Meta's Graph API, which WhatsApp Cloud API and the Send API share: the
 * bearer token, the JSON body and what an error answer means for a retry.
 */
public final class GraphApi {

  /** Turns an error answer that no retry will cure into the channel's own failure. */
  @FunctionalInterface
  public interface Rejection {
    PermanentDeliveryFailure of(int status, GraphApiError error);
  }

  private final ProviderHttp http;
  private final ObjectMapper json;

  public GraphApi(ProviderHttp http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  /** The longest one post may take (see {@link ProviderHttp#longestCall}). */
  public java.time.Duration longestCall() {
    return http.longestCall();
  }

  /**
   * Posts the body and returns the answer's body. Throttling and temporary errors become the
   * retryable failures of {@link ProviderHttp}; any other error is thrown as {@code rejection}
   * makes it.
   */
  public String post(URI uri, String accessToken, ObjectNode body, Rejection rejection)
      throws PermanentDeliveryFailure {
    var response =
        http.send(
            http.request(uri)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    if (response.ok()) {
      return response.body();
    }
    GraphApiError error = GraphApiError.parse(json, response.body());
    if (error.isThrottling()) {
      throw http.rateLimited(response, error.message());
    }
    if (error.isTemporary()) {
      throw http.temporary(error.message());
    }
    throw rejection.of(response.status(), error);
  }
}
