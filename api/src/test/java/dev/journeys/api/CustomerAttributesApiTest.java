package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.testsupport.TestDatabase;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Free-form profile attributes written by PUT and read back by GET, on real PostgreSQL. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS
    })
class CustomerAttributesApiTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;

  @BeforeEach
  void sendTheAdminKey() {
    TestApiKeys.authorize(http);
  }

  @Autowired ObjectMapper json;

  @Test
  void readsBackTheAttributesItWasGivenBesideTheProfile() throws Exception {
    var written =
        put(
            "vera",
            """
            {"email":"vera@shop.test","firstName":"Vera",
             "attributes":{"tier":"vip","points":120,"interests":["tea","coffee"],
                           "address":{"city":"Graz"}}}""");
    assertThat(written.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(written.getBody()).at("/attributes/tier").asText()).isEqualTo("vip");

    JsonNode profile = get("vera");

    assertThat(profile.get("id").asText()).isEqualTo("vera");
    assertThat(profile.get("email").asText()).isEqualTo("vera@shop.test");
    assertThat(profile.get("firstName").asText()).isEqualTo("Vera");
    JsonNode attributes = profile.get("attributes");
    assertThat(attributes.get("tier").asText()).isEqualTo("vip");
    assertThat(attributes.get("points").asInt()).isEqualTo(120);
    assertThat(attributes.get("interests"))
        .extracting(JsonNode::asText)
        .containsExactly("tea", "coffee");
    assertThat(attributes.at("/address/city").asText()).isEqualTo("Graz");
  }

  @Test
  void keepsTheAttributesWhenAPutLeavesThemOutAndReplacesThemWhenGiven() throws Exception {
    put("walt", "{\"email\":\"walt@shop.test\",\"attributes\":{\"tier\":\"gold\",\"vegan\":true}}");

    put("walt", "{\"email\":\"walt@shop.test\",\"firstName\":\"Walt\"}");
    assertThat(get("walt").at("/attributes/tier").asText()).isEqualTo("gold");

    put("walt", "{\"email\":\"walt@shop.test\",\"attributes\":{\"tier\":\"silver\"}}");
    JsonNode attributes = get("walt").get("attributes");
    assertThat(attributes.get("tier").asText()).isEqualTo("silver");
    assertThat(attributes.has("vegan")).isFalse();

    put("walt", "{\"email\":\"walt@shop.test\",\"attributes\":{}}");
    assertThat(get("walt").get("attributes").isEmpty()).isTrue();
  }

  @Test
  void aProfileWithoutAttributesShowsAnEmptyObject() throws Exception {
    put("xia", "{\"email\":\"xia@shop.test\"}");

    JsonNode attributes = get("xia").get("attributes");

    assertThat(attributes).isNotNull();
    assertThat(attributes.isObject()).isTrue();
    assertThat(attributes.isEmpty()).isTrue();
  }

  private JsonNode get(String id) throws Exception {
    var response = http.getForEntity("/v1/customers/" + id, String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private ResponseEntity<String> put(String id, String body) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(
        "/v1/customers/" + id, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
  }
}
