package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The contract a backend team codes against: generated, public, with the key scheme. */
class OpenApiDocumentTest extends ApiTestSupport {

  @LocalServerPort int port;

  @Test
  void theOpenApiDocumentListsEveryEndpointAndTheApiKeyScheme() throws Exception {
    var response = get("/v3/api-docs");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode doc = json.readTree(response.body());
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.at("/paths/~1v1~1events/post").isMissingNode()).isFalse();
    assertThat(doc.at("/paths/~1v1~1customers~1{id}/patch").isMissingNode()).isFalse();
    assertThat(doc.at("/paths/~1v1~1admin~1api-keys/post").isMissingNode()).isFalse();
    assertThat(doc.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
    assertThat(doc.at("/security/0").has("apiKey")).isTrue();
    assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
  }

  /** Without a key: the document is public. */
  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
