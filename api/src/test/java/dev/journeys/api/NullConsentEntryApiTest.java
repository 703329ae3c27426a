package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * A {@code null} in a profile's consent list is a 400 naming the entry, on PUT and on PATCH, and
 * changes nothing (schemathesis found it answered 500, from the examples of the OpenAPI document).
 */
class NullConsentEntryApiTest extends ApiTestSupport {

  private static final String PROFILE =
      """
      {"email": "ada@example.com", "locale": "en", "firstName": "Ada",
       "consents": [{"channel": "EMAIL", "topic": "MARKETING", "status": "GRANTED"}]}
      """;

  @Test
  void aNullConsentOnPutIsA400AndStoresNothing() throws Exception {
    var put =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/null-consent-put",
            """
            {"email": "ada@example.com", "consents": [null]}
            """);

    assertThat(put.getStatusCode().value()).as(put.getBody()).isEqualTo(400);
    assertThat(put.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(json.readTree(put.getBody()).at("/errors/0/field").asText())
        .startsWith("consents[0]");
    assertThat(
            http.getForEntity("/v1/customers/null-consent-put", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void aNullConsentOnPatchIsA400AndChangesNothing() throws Exception {
    var created = sendJson(HttpMethod.PUT, "/v1/customers/null-consent-patch", PROFILE);
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(200);

    var patch =
        sendJson(
            HttpMethod.PATCH,
            "/v1/customers/null-consent-patch",
            """
            {"firstName": "Eve", "consents": [null]}
            """);

    assertThat(patch.getStatusCode().value()).as(patch.getBody()).isEqualTo(400);
    var stored = json.readTree(http.getForObject("/v1/customers/null-consent-patch", String.class));
    assertThat(stored.path("firstName").asText()).isEqualTo("Ada");
    assertThat(stored.path("consents")).hasSize(1);
  }
}
