package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

class CustomerApiTest extends ApiTestSupport {

  @Autowired JdbcClient jdbc;

  @Test
  void createsAProfileWithConsentAndKeepsTheAuditTrail() throws Exception {
    var created =
        put(
            "ada",
            """
        {"email":"ada@shop.test","phone":"+15551234567","timeZone":"Europe/Berlin","locale":"en",
         "firstName":"Ada","consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"}]}""");
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);

    var changed =
        put(
            "ada",
            """
        {"email":"ada@shop.test","phone":"+15551234567","timeZone":"Europe/Berlin","locale":"en",
         "firstName":"Ada","consents":[{"channel":"EMAIL","topic":"MARKETING","status":"DENIED"},
                                       {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}""");
    assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);

    JsonNode profile = json.readTree(http.getForObject("/v1/customers/ada", String.class));
    assertThat(profile.get("email").asText()).isEqualTo("ada@shop.test");
    assertThat(profile.get("consents")).hasSize(2);
    assertThat(
            jdbc.sql(
                    "select status from consent_change where customer_id = 'ada' and channel = 'EMAIL' order by id")
                .query(String.class)
                .list())
        .containsExactly("GRANTED", "DENIED");
  }

  @Test
  void rejectsAnInvalidPhoneAndKeepsTheStoredProfile() throws Exception {
    put("bob", "{\"email\":\"bob@shop.test\",\"phone\":\"+15551112222\"}");

    var response = put("bob", "{\"email\":\"bob@shop.test\",\"phone\":\"0171 555\"}");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(json.readTree(response.getBody()).at("/errors/0/field").asText()).isEqualTo("phone");
    JsonNode profile = json.readTree(http.getForObject("/v1/customers/bob", String.class));
    assertThat(profile.get("phone").asText()).isEqualTo("+15551112222");
  }

  @Test
  void rejectsAnUnknownChannelAndTimeZone() throws Exception {
    var channel =
        put(
            "cy",
            "{\"consents\":[{\"channel\":\"PIGEON\",\"topic\":\"MARKETING\",\"status\":\"GRANTED\"}]}");
    var zone = put("cy", "{\"timeZone\":\"Mars/Olympus\"}");

    assertThat(channel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(zone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.getForEntity("/v1/customers/cy", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void answersAnUnknownCustomerWith404ProblemDetails() {
    var response = http.getForEntity("/v1/customers/nobody", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void listsAnEmptyMessageTimelineForANewCustomer() throws Exception {
    put("dee", "{\"email\":\"dee@shop.test\"}");
    assertThat(json.readTree(http.getForObject("/v1/customers/dee/messages", String.class)))
        .isEmpty();
  }

  @Test
  void storesThePreferredChannelAndAttributesJourneysBranchOn() throws Exception {
    var response =
        put(
            "eve",
            """
            {"email":"eve@shop.test","preferredChannel":"SMS",
             "attributes":{"tier":"vip","points":1200}}""");

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(json.readTree(response.getBody()).get("preferredChannel").asText()).isEqualTo("SMS");
    assertThat(
            jdbc.sql("select attributes->>'tier' from customer where id = 'eve'")
                .query(String.class)
                .single())
        .isEqualTo("vip");
  }

  @Test
  void rejectsAnUnknownPreferredChannel() {
    var response = put("fay", "{\"preferredChannel\":\"PIGEON\"}");

    assertThat(response.getStatusCode().value()).isEqualTo(400);
  }

  private ResponseEntity<String> put(String id, String body) {
    return sendJson(HttpMethod.PUT, "/v1/customers/" + id, body);
  }
}
