package dev.journeys.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.journeys.customer.Customer;
import dev.journeys.messaging.Channel;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an event's data, or a template version, can no longer do to a customer's message: stand in
 * for the profile, render without bound, or reach customers before it is published.
 */
@SpringBootTest(classes = JourneyStoreTestApp.class)
class ContentSafetyTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired MessageRenderer renderer;
  @Autowired TemplateStore store;
  @Autowired JdbcClient jdbc;

  private static final Customer ANN =
      new Customer("ann", "ann@shop.test", null, null, "en", "Ann", Set.of(), null);
  private static final String PHISHING = "Your account is locked, log in at evil.example";

  @Test
  void anEventPropertyCannotOverrideTheProfilesFirstName() {
    Map<String, Object> event = Map.of("firstName", PHISHING, "cartTotal", "1");

    var rendered =
        renderer.render("cart-reminder", Channel.EMAIL, "en", TemplateVariables.of(ANN, event));

    assertThat(rendered.text()).startsWith("Hi Ann,").doesNotContain("evil.example");
    assertThat(rendered.subject()).isEqualTo("Ann, your cart is waiting");
  }

  @Test
  void aVersionStoredBeforeNamespacesKeepsRenderingButTheProfileWins() {
    // a row as V11_1 leaves a version stored before it: flat names, published
    jdbc.sql(
            """
            insert into message_template (message_key, channel, locale, version, text_body,
                source, variables, published_at, published_by)
            values ('legacy', 'SMS', 'en', 1,
                '{{firstName}}, your cart ({{cartTotal}}) is waiting.', 'key:admin', 'flat',
                now(), 'key:admin')""")
        .update();
    var noName = new Customer("bo", "bo@shop.test", null, null, "en", null, Set.of(), null);
    Map<String, Object> event = Map.of("firstName", PHISHING, "cartTotal", "9.90");

    var rendered = renderer.render("legacy", Channel.SMS, "en", TemplateVariables.of(ANN, event));

    assertThat(rendered.text()).isEqualTo("Ann, your cart (9.90) is waiting.");
    // no profile value: the send fails as missing the variable, never shows the event's text
    assertThatThrownBy(
            () -> renderer.render("legacy", Channel.SMS, "en", TemplateVariables.of(noName, event)))
        .isInstanceOf(TemplateRenderException.class)
        .hasMessageContaining("firstName");
  }

  @Test
  void theSectionBombOfOnePreviewIsRefusedWhenStored() {
    String five = "{{#event.items}}".repeat(5) + "0123456789" + "{{/event.items}}".repeat(5);

    assertThatThrownBy(() -> store.addVersion(sms("bomb", five)))
        .isInstanceOf(TemplateLintException.class)
        .hasMessageContaining("section_depth");
  }

  @Test
  void nestedSectionsAllowedByTheLinterStillStopAtTheRenderLimits() {
    String three = "{{#event.items}}".repeat(3) + "0123456789" + "{{/event.items}}".repeat(3);
    var iterations = publish(store.addVersion(sms("iterations", three)));
    var output =
        publish(
            store.addVersion(
                sms("output", "{{#event.items}}" + "x".repeat(100) + "{{/event.items}}")));
    List<Integer> thousand = IntStream.range(0, 1000).boxed().toList();
    List<Integer> twentyThousand = IntStream.range(0, 20_000).boxed().toList();

    // 10^9 iterations and 10^10 characters unbounded; stopped at once
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(
                    () ->
                        renderer.render(
                            iterations, TemplateVariables.of(ANN, Map.of("items", thousand))))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("section iterations"));
    assertThatThrownBy(
            () ->
                renderer.render(output, TemplateVariables.of(ANN, Map.of("items", twentyThousand))))
        .isInstanceOf(TemplateRenderException.class)
        .hasMessageContaining("characters of output");
    // within the limits the same versions render
    assertThat(
            renderer
                .render(iterations, TemplateVariables.of(ANN, Map.of("items", List.of(1, 2))))
                .text())
        .hasSize(80);
  }

  @Test
  void aTemplateCannotReachMethodsOfTheValues() {
    var version = publish(store.addVersion(sms("reflect", "{{event.name.class}}")));

    assertThatThrownBy(
            () -> renderer.render(version, TemplateVariables.of(ANN, Map.of("name", "x"))))
        .isInstanceOf(TemplateRenderException.class);
  }

  @Test
  void aNewVersionIsADraftThatSendsDoNotUseUntilPublished() {
    var first = publish(store.addVersion(sms("drafts", "first {{customer.firstName}}")));
    var draft = store.addVersion(sms("drafts", "second {{customer.firstName}}"));
    var vars = TemplateVariables.of(ANN, Map.of());

    assertThat(draft.published()).isFalse();
    assertThat(renderer.render("drafts", Channel.SMS, "en", vars).text()).isEqualTo("first Ann");
    assertThat(renderer.render(draft, vars).text()).isEqualTo("second Ann"); // a preview

    var published = publish(draft);

    assertThat(published.published()).isTrue();
    assertThat(published.publishedBy()).isEqualTo("test");
    assertThat(renderer.render("drafts", Channel.SMS, "en", vars).text()).isEqualTo("second Ann");
    assertThat(first.version()).isEqualTo(1);
  }

  private MessageTemplate publish(MessageTemplate t) {
    return store
        .publish(t.messageKey(), t.channel(), t.locale(), t.version(), "test")
        .orElseThrow();
  }

  private static MessageTemplate sms(String key, String text) {
    return new MessageTemplate(key, Channel.SMS, "en", 1, null, text, null, null, null, "test");
  }
}
