package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.util.JsonFormat;
import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code journeys.codec.key} set, what the API hands Temporal is ciphertext, and the codec
 * endpoint turns it back for the Temporal UI (from its origin only) and CLI.
 */
@TestPropertySource(
    properties = {
      "journeys.codec.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      "journeys.codec.key-id=test-1",
      "journeys.codec.cors-origins=http://localhost:8233"
    })
class CodecServerApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired org.springframework.context.ApplicationContext context;
  @LocalServerPort int port;

  private final HttpClient raw = HttpClient.newHttpClient();

  @Test
  void theStartedJourneysInputIsEncryptedAndTheCodecEndpointDecodesIt() throws Exception {
    var accepted =
        sendJson(
            HttpMethod.POST,
            "/v1/events",
            """
            {"eventId":"signup-ada","customerId":"ada","type":"customer_signed_up",
             "occurredAt":"2026-11-23T10:00:00Z","properties":{"coupon":"ADA-SECRET-10"}}""");
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    Payload input =
        temporal
            .fetchHistory(JourneyCatalog.WELCOME_SERIES.workflowId("ada"))
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloads(0);
    assertThat(AesGcmPayloadCodec.isEncrypted(input)).isTrue();
    assertThat(input.toByteString().toStringUtf8()).doesNotContain("ADA-SECRET-10");

    var decoded =
        sendJson(
            HttpMethod.POST,
            "/codec/decode",
            JsonFormat.printer().print(Payloads.newBuilder().addPayloads(input).build()));

    assertThat(decoded.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode payload = json.readTree(decoded.getBody()).at("/payloads/0");
    assertThat(text(payload.at("/metadata/encoding"))).isEqualTo("json/plain");
    assertThat(text(payload.at("/data"))).contains("ADA-SECRET-10");
  }

  @Test
  void theCodecOnlyListenerIsOffByDefault() {
    assertThat(context.getBeanNamesForType(dev.journeys.api.codec.CodecListener.class)).isEmpty();
  }

  @Test
  void encodeThenDecodeGivesThePayloadBack() throws Exception {
    String plain =
        "{\"payloads\":[{\"metadata\":{\"encoding\":\""
            + b64("json/plain")
            + "\"},"
            + "\"data\":\""
            + b64("\"hello\"")
            + "\"}]}";

    var encoded = sendJson(HttpMethod.POST, "/codec/encode", plain);
    assertThat(encoded.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(text(json.readTree(encoded.getBody()).at("/payloads/0/metadata/encoding")))
        .isEqualTo(AesGcmPayloadCodec.ENCODING);

    var decoded = sendJson(HttpMethod.POST, "/codec/decode", encoded.getBody());
    assertThat(text(json.readTree(decoded.getBody()).at("/payloads/0/data")))
        .isEqualTo("\"hello\"");
  }

  @Test
  void garbageIsA400AndNoKeyA401() throws Exception {
    assertThat(sendJson(HttpMethod.POST, "/codec/decode", "{\"payloads\":7}").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    var anonymous =
        raw.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/codec/decode"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payloads\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void theTemporalUisOriginMayCallTheCodecAndNoOtherOrigin() throws Exception {
    var ui = preflight("/codec/decode", "http://localhost:8233");
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://localhost:8233");
    assertThat(ui.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("x-namespace", "authorization");

    assertThat(preflight("/codec/decode", "https://evil.test").statusCode()).isEqualTo(403);
    // the rest of the API stays same-origin, the UI's origin included
    assertThat(
            preflight("/v1/customers/ada", "http://localhost:8233")
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
  }

  private HttpResponse<String> preflight(String path, String origin) throws Exception {
    return raw.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace,authorization")
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
