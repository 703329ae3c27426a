package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Requests the schema-driven fuzz run (devstack {@code ApiFuzzEndToEndTest}, schemathesis) found
 * answered with 5xx, each kept here as a regression test that runs without the fuzzer. Sent raw
 * with the JDK's client, so that no client library tidies the malformed parts away.
 */
class FuzzFindingsApiTest extends ApiTestSupport {

  private final HttpClient client = HttpClient.newHttpClient();

  /**
   * {@code Content-Type: multipart/form-data} without a boundary was parsed as multipart before any
   * handler ran, and the parse failure was a 500 on every endpoint. No endpoint takes multipart.
   */
  @Test
  void aMultipartContentTypeWithoutBoundaryIsNoServerError() throws Exception {
    var post =
        send(
            HttpRequest.newBuilder(url("/v1/events"))
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(post.statusCode()).as(post.body()).isEqualTo(415);
    assertThat(post.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

    var get =
        send(
            HttpRequest.newBuilder(url("/v1/admin/api-keys"))
                .header("Content-Type", "multipart/form-data")
                .GET());
    assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
  }

  private URI url(String path) {
    return URI.create(http.getRootUri() + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(
        request.header("Authorization", "Bearer " + TestApiKeys.ADMIN_KEY).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
