package dev.journeys.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.messaging.Channel;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every message the built-in journeys send renders on every channel they may use, from the
 * templates as seeded into the store.
 */
@SpringBootTest(classes = JourneyStoreTestApp.class)
class JourneyLibraryTemplatesTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired MessageRenderer renderer;

  @ParameterizedTest
  @CsvSource({
    "welcome, EMAIL",
    "welcome-tips, EMAIL",
    "first-purchase-nudge, EMAIL",
    "order-confirmation, EMAIL",
    "order-shipped, EMAIL",
    "order-shipped, SMS",
    "order-delivered, EMAIL",
    "order-delivered, SMS",
    "care-tips, EMAIL",
    "review-request, EMAIL",
    "replenishment-reminder, EMAIL",
    "replenishment-reminder, SMS",
    "win-back-miss-you, EMAIL",
    "win-back-offer, EMAIL",
    "win-back-last-chance, EMAIL",
    "delivery-delayed, EMAIL",
    "delivery-delayed, SMS",
    "support-answer, EMAIL",
    "back-in-stock, EMAIL",
    "back-in-stock, SMS"
  })
  void rendersWithTheProfilesFirstName(String messageKey, Channel channel) {
    var rendered =
        renderer.render(
            messageKey, channel, "en", Map.of("firstName", "Ada", "productName", "Green tea"));

    assertThat(rendered.text()).contains("Ada").doesNotContain("{{");
    if (channel == Channel.EMAIL) {
      assertThat(rendered.subject()).isNotBlank().doesNotContain("{{");
    }
  }
}
