package dev.journeys.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.TestApiKeys;
import dev.journeys.api.TestSecrets;
import dev.journeys.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an identity provider configured, its JWTs open the API like API keys do: scopes from the
 * token, the subject in the audit trail; expired, forged, foreign (audience, issuer) and
 * never-expiring tokens are 401, a valid token without the endpoint's scope 403, all as problem
 * details. API keys keep working.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS,
      "journeys.security.jwt.audiences=" + TestIdentityProvider.AUDIENCE,
      "journeys.codec.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      "journeys.codec.cors-origins=https://temporal-ui.shop.test"
    })
@DirtiesContext
class JwtApiTest {

  static final TestIdentityProvider idp = new TestIdentityProvider();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    registry.add("journeys.security.jwt.issuer-uri", idp::issuer);
    registry.add("journeys.security.jwt.jwk-set-uri", idp::jwkSetUri);
  }

  @AfterAll
  static void stopTheProvider() {
    idp.close();
  }

  @LocalServerPort int port;
  @Autowired ObjectMapper json;

  private final HttpClient client = HttpClient.newHttpClient();

  private static final String ADA =
      """
      {"email":"ada@example.com","timeZone":"Europe/Berlin","locale":"en",
       "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"}]}""";

  @Test
  void aTokenWithTheScopeOpensTheEndpointAndNamesItsSubjectInTheAuditTrail() throws Exception {
    String writer = idp.token("crm-sync", "openid customers:write customers:read");

    assertThat(send("PUT", "/v1/customers/ada", writer, ADA).statusCode()).isEqualTo(200);
    var read = send("GET", "/v1/customers/ada", writer, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json.readTree(read.body()).get("email").asText()).isEqualTo("ada@example.com");

    JsonNode history =
        json.readTree(send("GET", "/v1/customers/ada/consents/history", writer, null).body());
    assertThat(history.findValuesAsText("source")).containsOnly("jwt:crm-sync");
  }

  @Test
  void scopesMayComeAsAListInScp() throws Exception {
    String operator =
        idp.token("ops-lead", null, c -> c.claim("scp", List.of("operator", "unknown:scope")));
    var added =
        send(
            "POST",
            "/v1/suppressions",
            operator,
            """
            {"channel":"EMAIL","address":"jwt-blocked@shop.test","note":"asked by phone"}""");
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(added.body()).contains("jwt:ops-lead");
  }

  @Test
  void theRightTokenWithoutTheScopeIs403() throws Exception {
    var refused = send("GET", "/v1/customers/ada", idp.token("reporting", "events:write"), null);
    assertProblem(refused, 403);
    assertThat(json.readTree(refused.body()).get("requiredScopes").get(0).asText())
        .isEqualTo("customers:read");
    assertProblem(
        send("POST", "/v1/suppressions", idp.token("reporting", "customers:read"), "{}"), 403);
  }

  @Test
  void expiredForgedForeignAndEverlastingTokensAre401() throws Exception {
    String scope = "customers:read customers:write operator";
    var expired =
        idp.token(
            "crm-sync",
            scope,
            c ->
                c.expirationTime(Date.from(Instant.now().minusSeconds(600)))
                    .issueTime(Date.from(Instant.now().minusSeconds(1200))));
    var forged = idp.forged("crm-sync", scope);
    var otherAudience = idp.token("crm-sync", scope, c -> c.audience("another-app"));
    var otherIssuer = idp.token("crm-sync", scope, c -> c.issuer("https://evil.test/"));
    var everlasting = idp.token("crm-sync", scope, c -> c.expirationTime(null));
    var noSubject = idp.token("crm-sync", scope, c -> c.subject(null));

    assertThat(detail(assertProblem(send("GET", "/v1/customers/ada", expired, null), 401)))
        .contains("expired");
    assertThat(detail(assertProblem(send("GET", "/v1/customers/ada", forged, null), 401)))
        .contains("signature");
    assertThat(detail(assertProblem(send("GET", "/v1/customers/ada", otherAudience, null), 401)))
        .contains("audience");
    assertThat(detail(assertProblem(send("GET", "/v1/customers/ada", otherIssuer, null), 401)))
        .contains("issuer");
    assertProblem(send("GET", "/v1/customers/ada", everlasting, null), 401);
    assertProblem(send("GET", "/v1/customers/ada", noSubject, null), 401);
    // a token that is no JWT at all: a garbled signature part
    assertProblem(send("GET", "/v1/customers/ada", forged + "x", null), 401);
    // nothing reached the store
    assertThat(send("PUT", "/v1/customers/mallory", forged, ADA).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/customers/mallory", TestApiKeys.ADMIN_KEY, null).statusCode())
        .isEqualTo(404);
  }

  /** The Temporal UI behind OIDC forwards the user's access token to the codec endpoint. */
  @Test
  void theCodecEndpointTakesTheUisForwardedAccessToken() throws Exception {
    String body =
        "{\"payloads\":[{\"metadata\":{\"encoding\":\"anNvbi9wbGFpbg==\"},\"data\":\"IngiCg==\"}]}";
    var encoded =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/codec/encode"))
                .header("Authorization", "Bearer " + idp.token("ops@shop.test", "operator"))
                .header("Content-Type", "application/json")
                .header("X-Namespace", "default")
                .header("Origin", "https://temporal-ui.shop.test")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
    assertThat(encoded.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://temporal-ui.shop.test");
    assertThat(json.readTree(encoded.body()).at("/payloads/0/metadata/encoding").asText())
        .isEqualTo(
            java.util.Base64.getEncoder()
                .encodeToString(
                    dev.journeys.codec.AesGcmPayloadCodec.ENCODING.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));

    assertProblem(send("POST", "/codec/decode", idp.token("viewer", "customers:read"), body), 403);
  }

  @Test
  void apiKeysStillWork() throws Exception {
    assertThat(send("PUT", "/v1/customers/grace", TestApiKeys.ADMIN_KEY, ADA).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/v1/customers/grace", TestApiKeys.ADMIN_KEY, null).statusCode())
        .isEqualTo(200);
    assertProblem(send("GET", "/v1/customers/grace", "jk_0123456789abcdef_nope", null), 401);
  }

  private JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    return problem;
  }

  private static String detail(JsonNode problem) {
    return problem.get("detail").asText();
  }

  private HttpResponse<String> send(String method, String path, String bearer, String body)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + bearer)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
