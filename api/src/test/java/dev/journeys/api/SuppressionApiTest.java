package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class SuppressionApiTest extends ApiTestSupport {

  @Test
  void operatorsAddListAndRemoveSuppressedAddresses() throws Exception {
    var added =
        post(
            "{\"channel\":\"EMAIL\",\"address\":\"Bounce@Shop.test\",\"reason\":\"hard_bounce\","
                + "\"note\":\"550 mailbox unknown\"}");
    post("{\"channel\":\"SMS\",\"address\":\"+15551234567\"}");

    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(json.readTree(added.getBody()).get("address").asText())
        .isEqualTo("bounce@shop.test");
    JsonNode all = json.readTree(http.getForObject("/v1/suppressions", String.class));
    assertThat(all.findValuesAsText("reason")).containsExactlyInAnyOrder("hard_bounce", "operator");
    JsonNode sms = json.readTree(http.getForObject("/v1/suppressions?channel=SMS", String.class));
    assertThat(sms.findValuesAsText("address")).containsExactly("+15551234567");
    assertThat(
            http.getForEntity("/v1/suppressions/EMAIL/bounce@shop.test", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);

    var removed =
        http.exchange("/v1/suppressions/SMS/+15551234567", HttpMethod.DELETE, null, String.class);
    assertThat(removed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    var again =
        http.exchange("/v1/suppressions/SMS/+15551234567", HttpMethod.DELETE, null, String.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void rejectsAnInvalidAddressOrReason() throws Exception {
    var response = post("{\"channel\":\"SMS\",\"address\":\"0171 555\",\"reason\":\"grumpy\"}");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(response.getBody()).at("/errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("address", "reason");
  }

  @Test
  void pagesThroughSuppressionsWithACursor() throws Exception {
    for (int i = 0; i < 5; i++) {
      post("{\"channel\":\"EMAIL\",\"address\":\"page" + i + "@shop.test\"}");
    }

    var first = http.getForEntity("/v1/suppressions?limit=3", String.class);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    String link = first.getHeaders().getFirst("Link");
    assertThat(link).contains("rel=\"next\"");
    // other tests may have stored rows too: follow the links to the end
    java.util.List<String> seen =
        new java.util.ArrayList<>(json.readTree(first.getBody()).findValuesAsText("address"));
    assertThat(seen).hasSize(3);
    while (link != null) {
      String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      var page = http.getForEntity(java.net.URI.create(next), String.class);
      seen.addAll(json.readTree(page.getBody()).findValuesAsText("address"));
      link = page.getHeaders().getFirst("Link");
    }
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen)
        .contains(
            "page0@shop.test",
            "page1@shop.test",
            "page2@shop.test",
            "page3@shop.test",
            "page4@shop.test");

    assertThat(http.getForEntity("/v1/suppressions?cursor=bm9wZQ", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.getForEntity("/v1/suppressions?limit=0", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.getForEntity("/v1/suppressions?limit=1001", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private ResponseEntity<String> post(String body) {
    return sendJson(HttpMethod.POST, "/v1/suppressions", body);
  }
}
