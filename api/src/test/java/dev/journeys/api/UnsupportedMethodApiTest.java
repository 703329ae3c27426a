package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A method the API has none of (TRACE, or one that does not exist such as TRACK) is refused by the
 * security firewall before anything else; through the real server, it is a 405 problem naming the
 * methods the API does accept, not a complaint about the URL.
 */
class UnsupportedMethodApiTest extends ApiTestSupport {

  @LocalServerPort int port;

  @ParameterizedTest
  @ValueSource(strings = {"TRACE", "TRACK"})
  void aMethodTheApiHasNotIsA405ProblemNamingTheAllowedMethods(String method) throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      var response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/customers/ada"))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .header("Authorization", "Bearer " + TestApiKeys.ADMIN_KEY)
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.headers().firstValue("Allow"))
          .hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST", "PUT", "DELETE"));
      var problem = json.readTree(response.body());
      assertThat(problem.get("status").asInt()).isEqualTo(405);
      assertThat(problem.get("detail").asText())
          .contains(method)
          .contains("GET")
          .doesNotContain("URL");
    }
  }
}
