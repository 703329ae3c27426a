package dev.journeys.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The error object of Meta's Graph API ({@code {"error":{"message","type","code",
 * "error_subcode"}}}), which WhatsApp Cloud API and the Send API share.
 */
public record GraphApiError(int code, int subcode, String message) {

  public static GraphApiError parse(ObjectMapper json, String body) {
    try {
      JsonNode error = json.readTree(body).path("error");
      return new GraphApiError(
          error.path("code").asInt(0),
          error.path("error_subcode").asInt(0),
          error.path("message").asText(body));
    } catch (IOException notJson) {
      return new GraphApiError(0, 0, body);
    }
  }

  /** Graph API throttling: application (4), user (17), page (32, 613), WhatsApp (130429...). */
  public boolean isThrottling() {
    return code == 4
        || code == 17
        || code == 32
        || code == 613
        || code == 80007
        || code == 130429
        || code == 131048
        || code == 131056;
  }

  /** Temporary errors Meta asks clients to retry. */
  public boolean isTemporary() {
    return code == 1 || code == 2 || code == 131000 || code == 131016 || code == 133004;
  }
}
