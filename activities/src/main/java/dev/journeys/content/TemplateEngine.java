package dev.journeys.content;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.List;
import java.util.Map;

/**
 * Mustache (JMustache), strict: a variable missing from the data is an error naming the template,
 * never a blank in a customer's message. HTML parts escape values; text parts do not. Every render
 * runs under a {@link RenderBudget}; only maps, lists and plain values are read from the data.
 */
final class TemplateEngine {

  private static final Mustache.Compiler HTML =
      Mustache.compiler().escapeHTML(true).strictSections(true);
  private static final Mustache.Compiler TEXT =
      Mustache.compiler().escapeHTML(false).strictSections(true);

  private TemplateEngine() {}

  static String render(
      String templateName,
      String part,
      String source,
      Map<String, ?> data,
      boolean html,
      RenderBudget budget) {
    if (source == null) {
      return null;
    }
    Template template =
        compile(templateName, part, source, (html ? HTML : TEXT).withCollector(budget.collector()));
    budget.rendering(templateName + " (" + part + ")");
    StringBuilder out = new StringBuilder();
    try {
      template.execute(data, budget.writer(out));
    } catch (MustacheException e) {
      throw new TemplateRenderException(
          "template " + templateName + " (" + part + ") cannot be rendered: " + e.getMessage());
    }
    return out.toString();
  }

  /** Compiles every part, so a broken version is refused before it is stored. */
  static void check(MessageTemplate t) {
    compile(t.name(), "subject", t.subject(), TEXT);
    compile(t.name(), "text", t.text(), TEXT);
    compile(t.name(), "html", t.html(), HTML);
    for (int i = 0; i < t.providerParams().size(); i++) {
      compile(t.name(), "providerParams[" + i + "]", t.providerParams().get(i), TEXT);
    }
  }

  /** Compiles, then lints: what a new version must pass before it is stored. */
  static void check(MessageTemplate t, ContentProperties.TemplateLimits limits) {
    check(t);
    List<TemplateLinter.Finding> findings = new TemplateLinter(limits.maxSectionDepth()).lint(t);
    if (!findings.isEmpty()) {
      throw new TemplateLintException(t.name(), findings);
    }
  }

  private static Template compile(
      String templateName, String part, String source, Mustache.Compiler compiler) {
    if (source == null) {
      return null;
    }
    try {
      return compiler.compile(source);
    } catch (MustacheException e) {
      throw new TemplateRenderException(
          "template " + templateName + " (" + part + ") does not compile: " + e.getMessage());
    }
  }
}
