package dev.journeys.api.security;

import static dev.journeys.api.security.Scope.ADMIN;
import static dev.journeys.api.security.Scope.CUSTOMERS_READ;
import static dev.journeys.api.security.Scope.CUSTOMERS_WRITE;
import static dev.journeys.api.security.Scope.EVENTS_WRITE;
import static dev.journeys.api.security.Scope.OPERATOR;
import static dev.journeys.api.security.Scope.TEMPLATES_WRITE;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × no key, an unknown key, a key with every scope but the needed ones, and a key
 * with exactly the needed ones. The endpoints come from Spring's handler mapping, so a new endpoint
 * that is missing from {@link #EXPECTED} fails here until someone decides its scope.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS
    })
class AuthorizationMatrixTest {

  /** No key needed. */
  private static final Set<Scope> PUBLIC = Set.of();

  /** What each endpoint needs, written down independently of the security configuration. */
  private static final Map<String, Set<Scope>> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("* /error", PUBLIC);
    EXPECTED.put("GET /v1/unsubscribe", PUBLIC);
    EXPECTED.put("POST /v1/unsubscribe", PUBLIC);
    EXPECTED.put("POST /v1/webhooks/sms/inbound", PUBLIC);
    EXPECTED.put("POST /v1/webhooks/{provider}/status", PUBLIC);
    EXPECTED.put("GET /v1/webhooks/meta/status", PUBLIC);
    EXPECTED.put("GET /v3/api-docs", PUBLIC);
    EXPECTED.put("GET /v3/api-docs.yaml", PUBLIC);
    EXPECTED.put("GET /v3/api-docs/swagger-config", PUBLIC);
    EXPECTED.put("GET /swagger-ui.html", PUBLIC);
    EXPECTED.put("POST /v1/events", Set.of(EVENTS_WRITE));
    EXPECTED.put("GET /v1/events/batches/{id}", Set.of(EVENTS_WRITE));
    EXPECTED.put("GET /v1/customers/{id}", Set.of(CUSTOMERS_READ));
    EXPECTED.put("PUT /v1/customers/{id}", Set.of(CUSTOMERS_WRITE));
    EXPECTED.put("PATCH /v1/customers/{id}", Set.of(CUSTOMERS_WRITE));
    EXPECTED.put("GET /v1/customers/{id}/messages", Set.of(CUSTOMERS_READ));
    EXPECTED.put("PATCH /v1/customers/{id}/consents", Set.of(CUSTOMERS_WRITE));
    EXPECTED.put("PUT /v1/customers/{id}/consents/{channel}/{topic}", Set.of(CUSTOMERS_WRITE));
    EXPECTED.put("GET /v1/customers/{id}/consents/history", Set.of(CUSTOMERS_READ));
    EXPECTED.put("POST /v1/products/{productId}/subscriptions", Set.of(CUSTOMERS_WRITE));
    // data rights: erasure is the shop backend's (it relays the customer's request), as is export
    EXPECTED.put("DELETE /v1/customers/{id}", Set.of(CUSTOMERS_WRITE));
    EXPECTED.put("GET /v1/customers/{id}/export", Set.of(CUSTOMERS_READ));
    EXPECTED.put("GET /v1/customers/{id}/enrollments", Set.of(OPERATOR));
    EXPECTED.put("POST /v1/customers/{id}/enrollments/cancel", Set.of(OPERATOR));
    EXPECTED.put("POST /v1/products/{productId}/restocks", Set.of(OPERATOR));
    EXPECTED.put("POST /v1/templates/{key}/versions", Set.of(TEMPLATES_WRITE));
    EXPECTED.put("GET /v1/templates/{key}/versions", Set.of(TEMPLATES_WRITE));
    EXPECTED.put("POST /v1/templates/{key}/publish", Set.of(TEMPLATES_WRITE));
    EXPECTED.put("POST /v1/templates/{key}/preview", Set.of(TEMPLATES_WRITE, CUSTOMERS_READ));
    EXPECTED.put("POST /v1/suppressions", Set.of(OPERATOR));
    EXPECTED.put("GET /v1/suppressions", Set.of(OPERATOR));
    EXPECTED.put("GET /v1/suppressions/{channel}/{address}", Set.of(OPERATOR));
    EXPECTED.put("DELETE /v1/suppressions/{channel}/{address}", Set.of(OPERATOR));
    EXPECTED.put("POST /v1/experiments/{name}/decision", Set.of(OPERATOR));
    EXPECTED.put("GET /v1/experiments/{name}/decision", Set.of(OPERATOR));
    EXPECTED.put("GET /v1/experiments/{name}", Set.of(OPERATOR));
    EXPECTED.put("GET /v1/journeys/{journey}/funnel", Set.of(OPERATOR));
    EXPECTED.put("GET /v1/journeys/{journey}/funnel.html", Set.of(OPERATOR));
    // payload codec server: decoding shows the personal data the encryption protects
    EXPECTED.put("POST /codec/encode", Set.of(OPERATOR));
    EXPECTED.put("POST /codec/decode", Set.of(OPERATOR));
    EXPECTED.put("POST /v1/admin/api-keys", Set.of(ADMIN));
    EXPECTED.put("GET /v1/admin/api-keys", Set.of(ADMIN));
    EXPECTED.put("DELETE /v1/admin/api-keys/{id}", Set.of(ADMIN));
  }

  /** Actuator endpoints, which live outside the controllers' handler mapping. */
  private static final Map<String, Set<Scope>> ACTUATOR =
      Map.of(
          "GET /actuator/health",
          PUBLIC,
          "GET /actuator/health/liveness",
          PUBLIC,
          "GET /actuator/metrics",
          Set.of(OPERATOR),
          "GET /actuator/info",
          Set.of(OPERATOR));

  private static final Map<String, String> SAMPLES =
      Map.of(
          "id", "ada",
          "channel", "EMAIL",
          "topic", "MARKETING",
          "address", "ada@shop.test",
          "key", "welcome",
          "productId", "p-1",
          "name", "cart-last-call-channel",
          "provider", "twilio");

  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired ApiKeys keys;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void everyEndpointHasAnExpectedRule() {
    Set<String> endpoints = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .keySet()
        .forEach(
            info -> {
              var methods = info.getMethodsCondition().getMethods();
              for (var pattern : info.getPathPatternsCondition().getPatterns()) {
                if (methods.isEmpty()) {
                  endpoints.add("* " + pattern.getPatternString());
                }
                methods.forEach(m -> endpoints.add(m.name() + " " + pattern.getPatternString()));
              }
            });

    assertThat(endpoints)
        .as("endpoints without a rule in this test (decide their scope, then add them)")
        .isSubsetOf(EXPECTED.keySet());
    assertThat(EXPECTED.keySet()).as("rules for endpoints that are gone").isSubsetOf(endpoints);
  }

  @Test
  void eachEndpointRefusesNoKeyAndTheWrongScopeAndAdmitsTheRightOne() throws Exception {
    Map<String, Set<Scope>> all = new LinkedHashMap<>(EXPECTED);
    all.putAll(ACTUATOR);
    all.remove("* /error");
    var soft = new SoftAssertions();
    int checked = 0;
    for (var rule : all.entrySet()) {
      String[] parts = rule.getKey().split(" ", 2);
      String method = parts[0];
      String path = concrete(parts[1]);
      Set<Scope> needed = rule.getValue();

      var anonymous = send(method, path, null);
      if (needed.isEmpty()) {
        soft.assertThat(problemType(anonymous))
            .as("%s %s is public", method, path)
            .isNotEqualTo(SecurityProblems.UNAUTHENTICATED.toString());
        soft.assertThat(anonymous.statusCode())
            .as("%s %s is public", method, path)
            .isNotEqualTo(403);
        checked++;
        continue;
      }
      soft.assertThat(anonymous.statusCode())
          .as("%s %s without a key", method, path)
          .isEqualTo(401);
      soft.assertThat(problemType(anonymous))
          .as("%s %s without a key", method, path)
          .isEqualTo(SecurityProblems.UNAUTHENTICATED.toString());
      soft.assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .as("%s %s without a key", method, path)
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

      var unknown = send(method, path, "jk_0123456789abcdef_" + "A".repeat(43));
      soft.assertThat(unknown.statusCode()).as("%s %s, unknown key", method, path).isEqualTo(401);

      Set<Scope> others = EnumSet.allOf(Scope.class);
      others.removeAll(needed);
      var wrong = send(method, path, key(others));
      soft.assertThat(wrong.statusCode())
          .as("%s %s, scopes %s", method, path, others)
          .isEqualTo(403);
      soft.assertThat(problemType(wrong))
          .as("%s %s, scopes %s", method, path, others)
          .isEqualTo(SecurityProblems.INSUFFICIENT_SCOPE.toString());

      if (needed.size() > 1) {
        // every needed scope is needed: each one alone is not enough
        for (Scope one : needed) {
          soft.assertThat(send(method, path, key(Set.of(one))).statusCode())
              .as("%s %s with only %s", method, path, one)
              .isEqualTo(403);
        }
      }

      var right = send(method, path, key(needed));
      soft.assertThat(right.statusCode())
          .as("%s %s, scopes %s: %s", method, path, needed, right.body())
          .isNotIn(401, 403);
      checked++;
    }
    soft.assertAll();
    assertThat(checked).isEqualTo(all.size());
  }

  @Test
  void aJwtOpensNothingWhenNoIdentityProviderIsConfigured() throws Exception {
    try (var idp = new TestIdentityProvider()) {
      String token = idp.token("crm-sync", "customers:read customers:write operator admin");
      var refused = send("GET", "/v1/suppressions", token);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(problemType(refused)).isEqualTo(SecurityProblems.UNAUTHENTICATED.toString());
    }
  }

  private final Map<Set<Scope>, String> issued = new LinkedHashMap<>();

  /** A key with exactly these scopes, created once per set. */
  private String key(Set<Scope> scopes) {
    return issued.computeIfAbsent(
        Set.copyOf(scopes),
        s ->
            keys.create("matrix-" + issued.size(), s.isEmpty() ? Set.of(ADMIN) : s, "test")
                .secret());
  }

  private static String concrete(String pattern) {
    Matcher m = VARIABLE.matcher(pattern);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(path, SAMPLES.getOrDefault(m.group(1), "x"));
    }
    m.appendTail(path);
    return path.toString();
  }

  private HttpResponse<String> send(String method, String path, String key) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                List.of("POST", "PUT", "PATCH").contains(method)
                    ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String problemType(HttpResponse<String> response) {
    if (!response.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
      return "(not problem+json)";
    }
    try {
      JsonNode body = json.readTree(response.body());
      return body.path("type").asText();
    } catch (Exception e) {
      return "(unreadable)";
    }
  }
}
