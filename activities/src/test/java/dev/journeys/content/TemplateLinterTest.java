package dev.journeys.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.messaging.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateLinterTest {

  private final TemplateLinter linter = new TemplateLinter(3);

  @Test
  void aTemplateOverTheNamespacesPasses() {
    var findings =
        linter.lint(
            email(
                "Hi {{customer.firstName}}, {{event.cartTotal}}",
                "<p>Hi {{customer.firstName}}</p>{{#event.items}}<li>{{name}} {{-index}}</li>"
                    + "{{/event.items}}{{^event.items}}empty{{/event.items}}"
                    + "<a href=\"https://shop.example/cart/{{event.cartId}}\">cart</a>"
                    + "<a href=\"{{unsubscribeUrl}}\">unsubscribe</a> {{message.key}}"));

    assertThat(findings).isEmpty();
  }

  @Test
  void listsEveryFindingWithItsPartAndRule() {
    var findings =
        linter.lint(
            email(
                "Hi {{firstName}} {{customer.password}}",
                "<p>{{{event.note}}} {{&event.note}}</p>"
                    + "<a href=\"{{event.link}}\">x</a><img src='{{event.image}}'>"
                    + "<script>var x = '{{event.x}}';</script>"
                    + "{{#event.items}}{{customer.firstName}} {{unsubscribeUrl}}{{/event.items}}"
                    + "{{#event.a}}{{#b}}{{#c}}{{#d}}deep{{/d}}{{/c}}{{/b}}{{/event.a}}"
                    + "{{>footer}}"));

    assertThat(findings)
        .extracting(TemplateLinter.Finding::part, TemplateLinter.Finding::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("text", "unknown_variable"),
            org.assertj.core.groups.Tuple.tuple("text", "unknown_variable"),
            org.assertj.core.groups.Tuple.tuple("html", "unescaped_html"),
            org.assertj.core.groups.Tuple.tuple("html", "unescaped_html"),
            org.assertj.core.groups.Tuple.tuple("html", "variable_in_url"),
            org.assertj.core.groups.Tuple.tuple("html", "variable_in_url"),
            org.assertj.core.groups.Tuple.tuple("html", "variable_in_script"),
            org.assertj.core.groups.Tuple.tuple("html", "shadowed_variable"),
            org.assertj.core.groups.Tuple.tuple("html", "shadowed_variable"),
            org.assertj.core.groups.Tuple.tuple("html", "section_depth"),
            org.assertj.core.groups.Tuple.tuple("html", "partial"));
  }

  @Test
  void unescapedVariablesAreFineInTextParts() {
    assertThat(linter.lint(sms("{{{event.note}}} {{&customer.firstName}}"))).isEmpty();
  }

  @Test
  void aSectionInsideAnInvertedOneCountsTowardsTheDepth() {
    assertThat(
            linter.lint(
                sms(
                    "{{^event.a}}{{#event.b}}{{#event.c}}{{#event.d}}x{{/event.d}}{{/event.c}}{{/event.b}}{{/event.a}}")))
        .extracting(TemplateLinter.Finding::rule)
        .containsExactly("section_depth");
    assertThat(
            linter.lint(
                sms("{{#event.b}}{{#event.c}}{{#event.d}}x{{/event.d}}{{/event.c}}{{/event.b}}")))
        .isEmpty();
  }

  @Test
  void theProviderParametersAreLintedToo() {
    var t =
        new MessageTemplate(
            "wa",
            Channel.WHATSAPP,
            "en",
            1,
            null,
            "Hi {{customer.firstName}}",
            null,
            "cart",
            List.of("{{customer.firstName}}", "{{firstName}}"),
            "test");

    assertThat(linter.lint(t))
        .extracting(TemplateLinter.Finding::part)
        .containsExactly("providerParams[1]");
  }

  private static MessageTemplate email(String text, String html) {
    return new MessageTemplate(
        "k", Channel.EMAIL, "en", 1, "Subject", text, html, null, null, "test");
  }

  private static MessageTemplate sms(String text) {
    return new MessageTemplate("k", Channel.SMS, "en", 1, null, text, null, null, null, "test");
  }
}
