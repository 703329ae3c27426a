package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import dev.journeys.unsubscribe.UnsubscribeLinks;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The one-click unsubscribe link of a message about one topic, and "all marketing" after it. */
class UnsubscribeApiTest extends ApiTestSupport {

  private static final Pattern FORM_ACTION = Pattern.compile("action=\"[^\"]*(/v1/[^\"]+)\"");

  @Autowired UnsubscribeLinks links;

  @Test
  void aReviewRequestsLinkOptsOutOfReviewsAndAllMarketingIsOneClickFurther() throws Exception {
    createCustomer("ada");
    String reviewsLink = links.linkFor("ada", Channel.EMAIL, Topic.REVIEWS).orElseThrow();

    var reviews = post(pathOf(reviewsLink));

    assertThat(reviews.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reviews.getBody()).contains("no longer receive reviews messages by email");
    assertThat(consent("ada", "EMAIL", "REVIEWS")).isEqualTo("DENIED");
    assertThat(consent("ada", "EMAIL", "MARKETING")).isEqualTo("GRANTED");
    var further = FORM_ACTION.matcher(reviews.getBody());
    assertThat(further.find()).as("a form for all marketing in %s", reviews.getBody()).isTrue();
    String allMarketing = further.group(1);
    assertThat(links.verify(allMarketing.substring(allMarketing.indexOf("token=") + 6)))
        .hasValueSatisfying(
            u -> {
              assertThat(u.customerId()).isEqualTo("ada");
              assertThat(u.channel()).isEqualTo(Channel.EMAIL);
              assertThat(u.topic()).isEqualTo(Topic.MARKETING);
            });

    var everything = post(allMarketing);

    assertThat(everything.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(consent("ada", "EMAIL", "MARKETING")).isEqualTo("DENIED");
    assertThat(consent("ada", "SMS", "MARKETING")).isEqualTo("GRANTED");
    assertThat(everything.getBody()).doesNotContain("<form");
  }

  @Test
  void aMarketingLinkOffersNothingFurther() {
    createCustomer("bob");

    var marketing =
        post(pathOf(links.linkFor("bob", Channel.EMAIL, Topic.MARKETING).orElseThrow()));

    assertThat(marketing.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(marketing.getBody()).doesNotContain("<form");
  }

  private ResponseEntity<String> post(String pathAndQuery) {
    return http.exchange(pathAndQuery, HttpMethod.POST, null, String.class);
  }

  /** The link's path and query: the API under test runs on a random port, not the link's host. */
  private static String pathOf(String link) {
    return link.substring(link.indexOf("/v1/"));
  }

  private String consent(String customer, String channel, String topic) throws Exception {
    JsonNode consents =
        json.readTree(http.getForObject("/v1/customers/" + customer, String.class)).get("consents");
    for (JsonNode c : consents) {
      if (c.get("channel").asText().equals(channel) && c.get("topic").asText().equals(topic)) {
        return c.get("status").asText();
      }
    }
    return null;
  }

  private void createCustomer(String id) {
    var response =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/" + id,
            """
            {"email":"%s@shop.test","phone":"+15551234567","timeZone":"Europe/Berlin",
             "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                         {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}"""
                .formatted(id));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
