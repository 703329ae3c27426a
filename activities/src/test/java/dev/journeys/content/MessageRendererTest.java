package dev.journeys.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.customer.Customer;
import dev.journeys.messaging.Channel;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Templates from the store in real PostgreSQL, seeded from the classpath, rendered strictly. */
@SpringBootTest(classes = JourneyStoreTestApp.class)
class MessageRendererTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired MessageRenderer renderer;
  @Autowired TemplateStore store;
  @Autowired TemplateSeeder seeder;

  @Test
  void rendersTheSeededCartTemplates() {
    var email =
        renderer.render(
            "cart-reminder", Channel.EMAIL, "en", vars("Ada", Map.of("cartTotal", "59.90")));

    assertThat(email.subject()).isEqualTo("Ada, your cart is waiting");
    assertThat(email.text()).startsWith("Hi Ada,").contains("you left 59.90 worth");
    assertThat(email.html()).contains("<strong>59.90</strong>");
    assertThat(email.templateVersion()).isEqualTo(1);
    assertThat(email.templateLocale()).isEqualTo("en");
  }

  @Test
  void escapesValuesInHtmlButNotInText() {
    add(template("escaping", "en", "Hi {{customer.firstName}}", "<p>{{customer.firstName}}</p>"));

    var rendered =
        renderer.render("escaping", Channel.EMAIL, "en", vars("<b>Ann & Co</b>", Map.of()));

    assertThat(rendered.html()).isEqualTo("<p>&lt;b&gt;Ann &amp; Co&lt;/b&gt;</p>");
    assertThat(rendered.text()).isEqualTo("Hi <b>Ann & Co</b>");
  }

  @Test
  void aMissingVariableIsAnErrorNamingTheTemplateNeverABlank() {
    add(template("strict", "en", "Hi {{customer.firstName}}, {{event.cartTotal}}", null));

    assertThatThrownBy(() -> renderer.render("strict", Channel.EMAIL, "en", vars("Ann", Map.of())))
        .isInstanceOf(TemplateRenderException.class)
        .hasMessageContaining("strict/email/en@v1")
        .hasMessageContaining("cartTotal");
  }

  @Test
  void picksTheCustomersLocaleThenItsLanguageThenTheFallback() {
    add(template("welcome", "en", "Welcome {{customer.firstName}}", null));
    add(template("welcome", "de", "Willkommen {{customer.firstName}}", null));
    add(template("welcome", "de-AT", "Servus {{customer.firstName}}", null));
    var data = vars("Ann", Map.of());

    assertThat(renderer.render("welcome", Channel.EMAIL, "de-AT", data).text())
        .isEqualTo("Servus Ann");
    assertThat(renderer.render("welcome", Channel.EMAIL, "de-CH", data).text())
        .isEqualTo("Willkommen Ann");
    assertThat(renderer.render("welcome", Channel.EMAIL, "fr", data).templateLocale())
        .isEqualTo("en");
    assertThat(renderer.render("welcome", Channel.EMAIL, null, data).text())
        .isEqualTo("Welcome Ann");
  }

  @Test
  void theNewestVersionWinsAndSeedingNeverOverwritesIt() {
    add(template("versions", "en", "first", null));
    var second = add(template("versions", "en", "second", null));
    seeder.afterSingletonsInstantiated();

    var rendered = renderer.render("versions", Channel.EMAIL, "en", vars("Ann", Map.of()));

    assertThat(second.version()).isEqualTo(2);
    assertThat(rendered.text()).isEqualTo("second");
    assertThat(rendered.templateVersion()).isEqualTo(2);
    assertThat(store.latest("cart-reminder", Channel.EMAIL, "en").orElseThrow().version())
        .isEqualTo(1);
  }

  @Test
  void refusesToStoreATemplateThatDoesNotCompile() {
    assertThatThrownBy(() -> store.addVersion(template("broken", "en", "Hi {{#items}}", null)))
        .isInstanceOf(TemplateRenderException.class)
        .hasMessageContaining("does not compile");
    assertThat(store.latest("broken", Channel.EMAIL, "en")).isEmpty();
  }

  @Test
  void rendersProviderTemplateParameters() {
    add(
        new MessageTemplate(
            "wa",
            Channel.WHATSAPP,
            "en",
            1,
            null,
            "Hi {{customer.firstName}}",
            null,
            "cart_reminder",
            List.of("{{customer.firstName}}", "{{event.cartTotal}}"),
            "test"));

    var rendered =
        renderer.render("wa", Channel.WHATSAPP, "en", vars("Ann", Map.of("cartTotal", "9.90")));

    assertThat(rendered.providerTemplate()).isEqualTo("cart_reminder");
    assertThat(rendered.providerParams()).containsExactly("Ann", "9.90");
  }

  @Test
  void anUnknownMessageKeyIsNotFound() {
    assertThatThrownBy(() -> renderer.render("nope", Channel.SMS, "en", vars("Ann", Map.of())))
        .isInstanceOf(TemplateNotFoundException.class)
        .hasMessageContaining("nope/sms");
  }

  /** Stores the next version and publishes it. */
  private MessageTemplate add(MessageTemplate template) {
    var stored = store.addVersion(template);
    return store
        .publish(stored.messageKey(), stored.channel(), stored.locale(), stored.version(), "test")
        .orElseThrow();
  }

  static TemplateVariables vars(String firstName, Map<String, Object> event) {
    return TemplateVariables.of(
        new Customer("c-1", "c@shop.test", null, null, "en", firstName, Set.of(), null), event);
  }

  private static MessageTemplate template(String key, String locale, String text, String html) {
    return new MessageTemplate(
        key, Channel.EMAIL, locale, 1, "Subject " + key, text, html, null, null, "test");
  }
}
