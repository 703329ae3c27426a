package dev.journeys.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.TestApiKeys;
import dev.journeys.api.TestSecrets;
import dev.journeys.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Keys are created, used, listed without their secret, and revoked through the admin API. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS
    })
class ApiKeyAdminApiTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void sendTheAdminKey() {
    TestApiKeys.authorize(http);
  }

  @Test
  void aCreatedKeyWorksForItsScopesUntilItIsRevoked() throws Exception {
    var created =
        send(
            HttpMethod.POST,
            "/v1/admin/api-keys",
            "{\"name\":\"shop-backend\",\"scopes\":[\"customers:write\",\"customers:read\"]}",
            null);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode body = json.readTree(created.getBody());
    String key = body.get("key").asText();
    String id = body.get("id").asText();
    assertThat(key).startsWith("jk_" + id + "_");
    assertThat(body.get("createdBy").asText()).isEqualTo("key:admin");

    var put = send(HttpMethod.PUT, "/v1/customers/ada", "{\"email\":\"ada@shop.test\"}", key);
    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
    var consent =
        send(
            HttpMethod.PUT,
            "/v1/customers/ada/consents/EMAIL/MARKETING?source=checkout-form",
            "{\"status\":\"GRANTED\"}",
            key);
    assertThat(consent.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            jdbc.sql("select source from consent_change where customer_id = 'ada'")
                .query(String.class)
                .list())
        .containsOnly("key:shop-backend/checkout-form");
    assertThat(send(HttpMethod.GET, "/v1/suppressions", null, key).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    JsonNode listed =
        json.readTree(send(HttpMethod.GET, "/v1/admin/api-keys", null, null).getBody());
    assertThat(listed.findValuesAsText("name")).contains("shop-backend");
    assertThat(listed.findValues("key")).isEmpty();

    assertThat(send(HttpMethod.DELETE, "/v1/admin/api-keys/" + id, null, null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    var afterRevocation = send(HttpMethod.GET, "/v1/customers/ada", null, key);
    assertThat(afterRevocation.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(afterRevocation.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(send(HttpMethod.DELETE, "/v1/admin/api-keys/" + id, null, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void onlyTheHashOfAKeyIsStored() throws Exception {
    String key =
        json.readTree(
                send(
                        HttpMethod.POST,
                        "/v1/admin/api-keys",
                        "{\"name\":\"stored\",\"scopes\":[\"events:write\"]}",
                        null)
                    .getBody())
            .get("key")
            .asText();

    String secret = key.substring(key.lastIndexOf('_') + 1);
    var rows =
        jdbc.sql("select id, name, key_hash, scopes, created_by from api_key where name = 'stored'")
            .query()
            .listOfRows();
    assertThat(rows).hasSize(1);
    for (Object column : rows.getFirst().values()) {
      String text =
          column instanceof byte[] bytes
              ? new String(bytes, StandardCharsets.ISO_8859_1)
              : String.valueOf(column);
      assertThat(text).doesNotContain(secret);
    }
    assertThat((byte[]) rows.getFirst().get("key_hash")).hasSize(32);
  }

  @Test
  void refusesBadRequestsAndDuplicateNames() throws Exception {
    var invalid =
        send(
            HttpMethod.POST,
            "/v1/admin/api-keys",
            "{\"name\":\"Bad Name\",\"scopes\":[\"events:write\",\"root\"]}",
            null);
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(invalid.getBody()).at("/errors").findValuesAsText("field"))
        .containsExactly("name", "scopes[1]");

    String twice = "{\"name\":\"twice\",\"scopes\":[\"operator\"]}";
    assertThat(send(HttpMethod.POST, "/v1/admin/api-keys", twice, null).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(send(HttpMethod.POST, "/v1/admin/api-keys", twice, null).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void aKeyWithoutAdminCannotMintKeys() throws Exception {
    String operator =
        json.readTree(
                send(
                        HttpMethod.POST,
                        "/v1/admin/api-keys",
                        "{\"name\":\"ops\",\"scopes\":[\"operator\",\"customers:write\"]}",
                        null)
                    .getBody())
            .get("key")
            .asText();

    var escalation =
        send(
            HttpMethod.POST,
            "/v1/admin/api-keys",
            "{\"name\":\"escalated\",\"scopes\":[\"admin\"]}",
            operator);

    assertThat(escalation.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(json.readTree(escalation.getBody()).get("requiredScopes").get(0).asText())
        .isEqualTo("admin");
    assertThat(
            jdbc.sql("select count(*) from api_key where name = 'escalated'")
                .query(Long.class)
                .single())
        .isZero();
  }

  private ResponseEntity<String> send(HttpMethod method, String path, String body, String key) {
    var headers = new HttpHeaders();
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    if (key != null) {
      headers.setBearerAuth(key);
    }
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }
}
