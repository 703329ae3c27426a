package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

class TemplateApiTest extends ApiTestSupport {

  @Test
  void previewsTheSeededCartReminderForACustomerWithoutSending() throws Exception {
    sendJson(
        HttpMethod.PUT,
        "/v1/customers/ada",
        """
        {"email":"ada@shop.test","locale":"en","firstName":"Ada"}""");

    var response =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-reminder/preview",
            """
        {"channel":"EMAIL","customerId":"ada","data":{"cartTotal":"<59.90>"}}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode preview = json.readTree(response.getBody());
    assertThat(preview.get("subject").asText()).isEqualTo("Ada, your cart is waiting");
    assertThat(preview.get("text").asText()).contains("you left <59.90> worth");
    assertThat(preview.get("html").asText()).contains("<strong>&lt;59.90&gt;</strong>");
    assertThat(preview.get("version").asInt()).isEqualTo(1);
    assertThat(preview.get("locale").asText()).isEqualTo("en");
  }

  @Test
  void aNewVersionIsUsedForTheCustomersLocale() throws Exception {
    sendJson(
        HttpMethod.PUT,
        "/v1/customers/bea",
        """
        {"phone":"+15551234567","locale":"de-AT","firstName":"Bea"}""");

    var created =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-last-call/versions",
            """
        {"channel":"SMS","locale":"de",
         "text":"{{customer.firstName}}, dein Warenkorb ({{event.cartTotal}}) wartet."}""");
    var again =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-last-call/versions",
            """
        {"channel":"SMS","locale":"de",
         "text":"{{customer.firstName}}, letzte Chance: {{event.cartTotal}}."}""");
    var beforePublishing =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-last-call/preview",
            """
        {"channel":"SMS","customerId":"bea","data":{"cartTotal":"9,90"}}""");
    var published =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-last-call/publish",
            """
        {"channel":"SMS","locale":"de","version":2}""");
    var preview =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-last-call/preview",
            """
        {"channel":"SMS","customerId":"bea","data":{"cartTotal":"9,90"}}""");
    var first =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-last-call/preview",
            """
        {"channel":"SMS","customerId":"bea","data":{"cartTotal":"9,90"},"version":1}""");

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(json.readTree(created.getBody()).has("publishedAt")).isFalse(); // a draft
    // drafts are never sent: before publishing, a German customer gets the English version
    assertThat(json.readTree(beforePublishing.getBody()).get("locale").asText()).isEqualTo("en");
    assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(published.getBody()).get("publishedBy").asText())
        .isEqualTo("key:admin");
    assertThat(json.readTree(created.getBody()).get("version").asInt()).isEqualTo(1);
    assertThat(json.readTree(again.getBody()).get("version").asInt()).isEqualTo(2);
    JsonNode body = json.readTree(preview.getBody());
    assertThat(body.get("text").asText()).isEqualTo("Bea, letzte Chance: 9,90.");
    assertThat(body.get("locale").asText()).isEqualTo("de");
    assertThat(body.get("version").asInt()).isEqualTo(2);
    assertThat(json.readTree(first.getBody()).get("text").asText())
        .isEqualTo("Bea, dein Warenkorb (9,90) wartet.");
    JsonNode versions =
        json.readTree(http.getForObject("/v1/templates/cart-last-call/versions", String.class));
    assertThat(versions.findValuesAsText("locale")).contains("de", "en");
    assertThat(versions.findValuesAsText("source"))
        .contains(
            "key:admin", "classpath:journeys/abandoned-cart/templates/cart-last-call/sms.txt");
  }

  @Test
  void anEventPropertyCannotStandInForTheProfileInAPreview() throws Exception {
    sendJson(
        HttpMethod.PUT,
        "/v1/customers/fay",
        """
        {"email":"fay@shop.test","locale":"en","firstName":"Fay"}""");

    var response =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-reminder/preview",
            """
        {"channel":"EMAIL","customerId":"fay",
         "data":{"firstName":"Your account is locked, log in at evil.example","cartTotal":"5"}}""");

    JsonNode preview = json.readTree(response.getBody());
    assertThat(preview.get("subject").asText()).isEqualTo("Fay, your cart is waiting");
    assertThat(preview.get("text").asText()).startsWith("Hi Fay,").doesNotContain("evil");
  }

  @Test
  void theLinterRefusesAVersionWithProblemDetailsListingEveryFinding() throws Exception {
    var response =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/unsafe/versions",
            """
        {"channel":"EMAIL","locale":"en","subject":"Hi {{firstName}}","text":"Hi",
         "html":"<p>{{{event.note}}}</p>{{#event.a}}{{#event.a}}{{#event.a}}{{#event.a}}x{{/event.a}}{{/event.a}}{{/event.a}}{{/event.a}}"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.get("detail").asText()).contains("3 rules");
    assertThat(problem.get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("subject", "html", "html");
    assertThat(problem.get("errors").findValuesAsText("message"))
        .anySatisfy(m -> assertThat(m).startsWith("unknown_variable: {{firstName}}"))
        .anySatisfy(m -> assertThat(m).startsWith("unescaped_html"))
        .anySatisfy(m -> assertThat(m).startsWith("section_depth"));
    JsonNode versions =
        json.readTree(sendJson(HttpMethod.GET, "/v1/templates/unsafe/versions", null).getBody());
    assertThat(versions.path("status").asInt()).isEqualTo(404); // nothing stored
  }

  @Test
  void aPreviewOfNestedSectionsStopsAtTheRenderLimitInsteadOfWritingGigabytes() throws Exception {
    sendJson(HttpMethod.PUT, "/v1/customers/gus", "{\"phone\":\"+15551230000\"}");
    var created =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/nested/versions",
            """
        {"channel":"SMS","locale":"en",
         "text":"{{#event.x}}{{#event.x}}{{#event.x}}0123456789{{/event.x}}{{/event.x}}{{/event.x}}"}""");
    String thousand =
        java.util.stream.IntStream.range(0, 1000)
            .mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining(","));

    long started = System.nanoTime();
    var preview =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/nested/preview",
            "{\"channel\":\"SMS\",\"customerId\":\"gus\",\"version\":1,"
                + "\"data\":{\"x\":["
                + thousand
                + "]}}");

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(preview.getBody()).contains("section iterations");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(5));
  }

  @Test
  void publishingAVersionThatDoesNotExistIsNotFound() {
    var response =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-reminder/publish",
            """
        {"channel":"EMAIL","locale":"en","version":99}""");
    var invalid =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-reminder/publish",
            """
        {"channel":"EMAIL","locale":"en"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void refusesATemplateThatDoesNotCompile() throws Exception {
    var response =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/broken/versions",
            """
        {"channel":"SMS","locale":"en","text":"Hi {{#firstName}} no end"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("does not compile");
  }

  @Test
  void refusesAnEmailTemplateWithoutSubject() {
    var response =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/no-subject/versions",
            """
        {"channel":"EMAIL","locale":"en","text":"Hi"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("subject");
  }

  @Test
  void aPreviewMissingAVariableIsABadRequestNamingIt() {
    sendJson(
        HttpMethod.PUT,
        "/v1/customers/cy",
        """
        {"email":"cy@shop.test","firstName":"Cy"}""");

    var response =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-reminder/preview",
            """
        {"channel":"EMAIL","customerId":"cy"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("cart-reminder/email/en@v1").contains("cartTotal");
  }

  @Test
  void aPreviewForAnUnknownCustomerOrTemplateIsNotFound() {
    sendJson(HttpMethod.PUT, "/v1/customers/dee", "{\"email\":\"dee@shop.test\"}");

    var noCustomer =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/cart-reminder/preview",
            """
        {"channel":"EMAIL","customerId":"nobody"}""");
    var noTemplate =
        sendJson(
            HttpMethod.POST,
            "/v1/templates/no-such-message/preview",
            """
        {"channel":"EMAIL","customerId":"dee"}""");

    assertThat(noCustomer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(noTemplate.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void storesMessagingAddressesAndPushTokensOnTheProfile() throws Exception {
    var response =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/eli",
            """
        {"whatsappNumber":"+15550001111","messengerPsid":"psid-1","instagramId":"igsid-1",
         "pushTokens":["token-a","token-b"]}""");
    var invalid =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/eli",
            """
        {"whatsappNumber":"0170 123"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode profile = json.readTree(http.getForObject("/v1/customers/eli", String.class));
    assertThat(profile.get("whatsappNumber").asText()).isEqualTo("+15550001111");
    assertThat(profile.get("messengerPsid").asText()).isEqualTo("psid-1");
    assertThat(profile.get("pushTokens")).hasSize(2);
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }
}
