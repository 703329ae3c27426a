package dev.journeys.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.api.TestApiKeys;
import dev.journeys.api.TestSecrets;
import dev.journeys.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind a TLS-terminating proxy Twilio signs the public https URL; with forwarded headers honoured
 * ({@code server.forward-headers-strategy=framework}) the API verifies against that URL.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      "server.forward-headers-strategy=framework",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS
    })
class ForwardedWebhookUrlApiTest {

  private static final String TOKEN = "test-sms-auth-token-0123456789";
  private static final String PUBLIC_URL = "https://api.shop.example/v1/webhooks/sms/inbound";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort int port;

  @Test
  void verifiesTheSignatureOverThePublicUrlTheProxyForwards() throws Exception {
    Map<String, List<String>> params =
        Map.of("From", List.of("+15550001111"), "Body", List.of("hi"));
    String signature = TwilioSignature.sign(TOKEN, PUBLIC_URL, params);

    var forwarded = post(signature, true);
    var direct = post(signature, false);

    assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
    assertThat(direct.statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> post(String signature, boolean viaProxy) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/webhooks/sms/inbound"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString("From=%2B15550001111&Body=hi"));
    if (viaProxy) {
      request
          .header("X-Forwarded-Proto", "https")
          .header("X-Forwarded-Host", "api.shop.example")
          .header("X-Forwarded-Port", "443");
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
