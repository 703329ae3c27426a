package dev.journeys.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.TestApiKeys;
import dev.journeys.api.TestSecrets;
import dev.journeys.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One key cannot flood the API: past its burst it gets 429 with Retry-After; others go on. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      "journeys.security.rate-limit.per-second=0.01",
      "journeys.security.rate-limit.burst=5",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS
    })
class RateLimitApiTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired ApiKeys keys;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aKeyPastItsBurstGets429WithRetryAfterAndOtherKeysAreServed() throws Exception {
    String busy = keys.create("busy", Set.of(Scope.CUSTOMERS_READ), "test").secret();
    String calm = keys.create("calm", Set.of(Scope.CUSTOMERS_READ), "test").secret();

    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < 6; i++) {
      last = get("/v1/customers/nobody", busy);
      statuses.add(last.statusCode());
    }

    assertThat(statuses).containsExactly(404, 404, 404, 404, 404, 429);
    assertThat(last.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(last.body()).get("type").asText()).endsWith("/rate-limited");
    assertThat(get("/v1/customers/nobody", calm).statusCode()).isEqualTo(404);
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
