package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.api.codec.CodecListener;
import dev.journeys.codec.AesGcmPayloadCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The codec-only listener: the codec protocol without credentials, CORS for the Temporal UI's
 * origin only, and nothing else of the API, whatever key comes along.
 */
@TestPropertySource(
    properties = {
      "journeys.codec.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      "journeys.codec.key-id=test-1",
      "journeys.codec.cors-origins=http://127.0.0.1:8233",
      "journeys.codec.server.port=0"
    })
class CodecListenerApiTest extends ApiTestSupport {

  private static final String UI = "http://127.0.0.1:8233";

  @Autowired CodecListener listener;
  @LocalServerPort int apiPort;

  private final HttpClient raw = HttpClient.newHttpClient();

  private static final String PLAIN =
      "{\"payloads\":[{\"metadata\":{\"encoding\":\""
          + b64("json/plain")
          + "\"},\"data\":\""
          + b64("{\"customerId\":\"ada\"}")
          + "\"}]}";

  @Test
  void theListenerEncodesAndDecodesWithoutCredentialsAndTheApiPortStillWantsThem()
      throws Exception {
    assertThat(listener.port()).isPositive().isNotEqualTo(apiPort);

    var encoded = post(listener.port(), "/codec/encode", PLAIN, UI, null);
    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(text(json.readTree(encoded.body()).at("/payloads/0/metadata/encoding")))
        .isEqualTo(AesGcmPayloadCodec.ENCODING);
    assertThat(encoded.body()).doesNotContain(b64("{\"customerId\":\"ada\"}"));
    assertThat(encoded.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI);

    var decoded = post(listener.port(), "/codec/decode", encoded.body(), null, null);
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(text(json.readTree(decoded.body()).at("/payloads/0/data")))
        .isEqualTo("{\"customerId\":\"ada\"}");

    assertThat(post(apiPort, "/codec/decode", encoded.body(), null, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void everyOtherPathIsNotThereEvenWithTheAdminKey() throws Exception {
    String key = TestApiKeys.ADMIN_KEY;
    // the API port serves this customer; the listener must not
    assertThat(
            put(apiPort, "/v1/customers/ada", "{\"email\":\"ada@example.com\"}", key).statusCode())
        .isEqualTo(200);
    for (String path :
        List.of(
            "/v1/customers/ada",
            "/v1/customers/ada/messages",
            "/v1/suppressions",
            "/v1/admin/api-keys",
            "/actuator/health",
            "/actuator/prometheus",
            "/v3/api-docs",
            "/swagger-ui.html",
            "/error",
            "/codec/decode",
            "/codec",
            "/codec/decode/x",
            "/codec/./../v1/customers/ada",
            "/")) {
      var response = get(listener.port(), path, key);
      assertThat(response.statusCode()).as("GET %s on the codec listener", path).isEqualTo(404);
      assertThat(response.body()).as("GET %s", path).doesNotContain("ada@example.com");
    }
    for (String path : List.of("/v1/events", "/v1/suppressions", "/v1/admin/api-keys", "/codec")) {
      assertThat(post(listener.port(), path, "{}", null, key).statusCode())
          .as("POST %s on the codec listener", path)
          .isEqualTo(404);
    }
    var notFound = get(listener.port(), "/v1/customers/ada", key);
    assertThat(notFound.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void onlyTheUisOriginPassesCors() throws Exception {
    var ui = preflight(UI);
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI);
    assertThat(ui.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("x-namespace", "content-type");

    var other = preflight("https://evil.test");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    // not even the UI's host on another port
    assertThat(preflight("http://127.0.0.1:8234").statusCode()).isEqualTo(403);
    // a page of another origin cannot have the browser send the call itself either
    assertThat(
            post(listener.port(), "/codec/decode", PLAIN, "https://evil.test", null).statusCode())
        .isEqualTo(403);
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return raw.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/codec/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String body, String origin, String key)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header("X-Namespace", "default")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      request.header("Origin", origin);
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> put(int port, String path, String body, String key)
      throws Exception {
    return raw.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path, String key) throws Exception {
    return raw.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + key)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(JsonNode base64) {
    return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
  }
}
