package dev.journeys.content;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Map;

/**
 * Mustache (JMustache), strict: a variable missing from the data is an error naming the template,
 * never a blank in a customer's message. HTML parts escape values; text parts do not.
 */
final class TemplateEngine {

  private static final Mustache.Compiler HTML =
      Mustache.compiler().escapeHTML(true).strictSections(true);
  private static final Mustache.Compiler TEXT =
      Mustache.compiler().escapeHTML(false).strictSections(true);

  private TemplateEngine() {}

  static String render(
      String templateName, String part, String source, Map<String, ?> data, boolean html) {
    if (source == null) {
      return null;
    }
    Template template = compile(templateName, part, source, html);
    try {
      return template.execute(data);
    } catch (MustacheException e) {
      throw new TemplateRenderException(
          "template " + templateName + " (" + part + ") cannot be rendered: " + e.getMessage());
    }
  }

  /** Compiles every part, so a broken version is refused before it is stored. */
  static void check(MessageTemplate t) {
    compile(t.name(), "subject", t.subject(), false);
    compile(t.name(), "text", t.text(), false);
    compile(t.name(), "html", t.html(), true);
    for (int i = 0; i < t.providerParams().size(); i++) {
      compile(t.name(), "providerParams[" + i + "]", t.providerParams().get(i), false);
    }
  }

  private static Template compile(String templateName, String part, String source, boolean html) {
    if (source == null) {
      return null;
    }
    try {
      return (html ? HTML : TEXT).compile(source);
    } catch (MustacheException e) {
      throw new TemplateRenderException(
          "template " + templateName + " (" + part + ") does not compile: " + e.getMessage());
    }
  }
}
