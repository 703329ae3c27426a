package dev.journeys.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.messaging.Channel;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every message the journeys declare ({@code JourneyDefinition.messages()}) renders on every
 * channel it may use, from the templates as seeded into the store.
 */
@SpringBootTest(classes = JourneyStoreTestApp.class)
class JourneyLibraryTemplatesTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired MessageRenderer renderer;

  /** Every message of every journey in the catalog, on each channel it may go out on. */
  static Stream<Arguments> messages() {
    return JourneyCatalog.all().stream()
        .flatMap(journey -> journey.messages().stream())
        .flatMap(m -> m.channels().stream().map(channel -> m.key() + "/" + channel))
        .distinct()
        .map(keyAndChannel -> keyAndChannel.split("/"))
        .map(k -> Arguments.of(k[0], Channel.valueOf(k[1])));
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("messages")
  void rendersWithTheProfilesFirstName(String messageKey, Channel channel) {
    var rendered =
        renderer.render(
            messageKey,
            channel,
            "en",
            // the profile's first name and what the journeys' triggers carry
            MessageRendererTest.vars(
                "Ada", Map.of("productName", "Green tea", "cartTotal", "59.90")));

    assertThat(rendered.text()).contains("Ada").doesNotContain("{{");
    if (channel == Channel.EMAIL) {
      assertThat(rendered.subject()).isNotBlank().doesNotContain("{{");
    }
  }
}
