package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** PATCH changes only what it names; PUT refuses a typo instead of clearing a field. */
class CustomerPatchApiTest extends ApiTestSupport {

  private static final String ADA =
      """
      {"email":"ada@shop.test","phone":"+15551234567","timeZone":"Europe/Berlin","locale":"en",
       "firstName":"Ada","region":"US-FL","pushTokens":["t1"],
       "attributes":{"tier":"vip","points":120,"address":{"city":"Graz","zip":"8010"}},
       "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"}]}""";

  @Test
  void aPatchChangesOnlyTheFieldsItNames() throws Exception {
    assertThat(sendJson(HttpMethod.PUT, "/v1/customers/ada", ADA).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    var patched =
        patch(
            "ada",
            """
            {"firstName":"Augusta","phone":null,
             "attributes":{"points":121,"address":{"zip":null},"interests":["tea"]},
             "consents":[{"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}""",
            MediaType.parseMediaType("application/merge-patch+json"));

    assertThat(patched.getStatusCode()).as(patched.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode profile = json.readTree(http.getForObject("/v1/customers/ada", String.class));
    assertThat(profile.get("firstName").asText()).isEqualTo("Augusta");
    assertThat(profile.has("phone")).isFalse();
    assertThat(profile.get("email").asText()).isEqualTo("ada@shop.test");
    assertThat(profile.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(profile.get("region").asText()).isEqualTo("US-FL");
    assertThat(profile.at("/pushTokens/0/token").asText()).isEqualTo("t1");
    assertThat(profile.at("/attributes/tier").asText()).isEqualTo("vip");
    assertThat(profile.at("/attributes/points").asInt()).isEqualTo(121);
    assertThat(profile.at("/attributes/address/city").asText()).isEqualTo("Graz");
    assertThat(profile.at("/attributes/address").has("zip")).isFalse();
    assertThat(profile.at("/attributes/interests/0").asText()).isEqualTo("tea");
    assertThat(profile.get("consents").findValuesAsText("status")).containsOnly("GRANTED");
    assertThat(profile.get("consents")).hasSize(2);
  }

  @Test
  void aPutWithATypoIsRefusedAndTheStoredTimeZoneStays() throws Exception {
    sendJson(HttpMethod.PUT, "/v1/customers/bob", ADA);

    var typo =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/bob",
            "{\"email\":\"bob@shop.test\",\"timezone\":\"UTC\"}");

    assertThat(typo.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(typo.getBody()).contains("timezone");
    JsonNode profile = json.readTree(http.getForObject("/v1/customers/bob", String.class));
    assertThat(profile.get("timeZone").asText()).isEqualTo("Europe/Berlin");
  }

  @Test
  void aPatchThatBreaksTheProfileIsRefusedWholeAndNamesTheField() throws Exception {
    sendJson(HttpMethod.PUT, "/v1/customers/cy", ADA);

    var invalid =
        patch("cy", "{\"firstName\":\"Cy\",\"phone\":\"12\"}", MediaType.APPLICATION_JSON);
    var unknown = patch("cy", "{\"firstname\":\"Cy\"}", MediaType.APPLICATION_JSON);

    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(invalid.getBody()).at("/errors/0/field").asText()).isEqualTo("phone");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(
            json.readTree(http.getForObject("/v1/customers/cy", String.class))
                .get("firstName")
                .asText())
        .isEqualTo("Ada");
    assertThat(patch("nobody", "{\"firstName\":\"N\"}", MediaType.APPLICATION_JSON).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<String> patch(String id, String body, MediaType type) {
    var headers = new HttpHeaders();
    headers.setContentType(type);
    return http.exchange(
        "/v1/customers/" + id, HttpMethod.PATCH, new HttpEntity<>(body, headers), String.class);
  }
}
