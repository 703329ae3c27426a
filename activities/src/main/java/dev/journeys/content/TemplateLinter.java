package dev.journeys.content;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a template version before it is stored, part by part, after it compiled. Every finding is
 * reported, so an author fixes them in one go:
 *
 * <ul>
 *   <li>{@code unknown_variable}: a name outside the namespaces ({@code customer.*} with a known
 *       field, {@code event.*}, {@code message.*} with a known field, {@code unsubscribeUrl});
 *       names relative to a section's value are fine inside it
 *   <li>{@code shadowed_variable}: {@code customer.*}, {@code message.*} or {@code unsubscribeUrl}
 *       inside a section over event data, where an item of the event could shadow it
 *   <li>{@code unescaped_html}: {@code {{{...}}}} or {@code {{&...}}} in the HTML part
 *   <li>{@code variable_in_url}: in HTML, a variable at the start of an {@code href} or {@code src}
 *       value (only {@code unsubscribeUrl} may be a whole link: the template fixes scheme and host)
 *   <li>{@code variable_in_script}: a variable inside {@code <script>} or {@code <style>}
 *   <li>{@code section_depth}: sections nested deeper than the limit
 *   <li>{@code partial}, {@code delimiters}: not supported
 * </ul>
 */
public final class TemplateLinter {

  /** One problem: the part ({@code html}, {@code providerParams[1]}), the rule, what to do. */
  public record Finding(String part, String rule, String message) {
    @Override
    public String toString() {
      return part + ": " + rule + ": " + message;
    }
  }

  private static final Pattern TAG =
      Pattern.compile("\\{\\{(\\{)?\\s*([#^/!>=&]?)\\s*(.*?)\\s*}}(})?", Pattern.DOTALL);
  private static final Pattern URL_ATTRIBUTE =
      Pattern.compile("(?i)\\b(?:href|src|action|formaction|srcset)\\s*=\\s*[\"']?\\s*$");
  private static final Pattern SCRIPT_OPEN = Pattern.compile("(?i)<(script|style)\\b");
  private static final Pattern SCRIPT_CLOSE = Pattern.compile("(?i)</(script|style)\\s*>");
  private static final List<String> SECTION_NAMES =
      List.of(".", "this", "-first", "-last", "-index");

  private final int maxSectionDepth;

  public TemplateLinter(int maxSectionDepth) {
    this.maxSectionDepth = maxSectionDepth;
  }

  /** Every finding in every part of {@code t}; empty when it may be stored. */
  public List<Finding> lint(MessageTemplate t) {
    List<Finding> findings = new ArrayList<>();
    lint("subject", t.subject(), false, findings);
    lint("text", t.text(), false, findings);
    lint("html", t.html(), true, findings);
    for (int i = 0; i < t.providerParams().size(); i++) {
      lint("providerParams[" + i + "]", t.providerParams().get(i), false, findings);
    }
    return findings;
  }

  private void lint(String part, String source, boolean html, List<Finding> findings) {
    if (source == null) {
      return;
    }
    // a section's name, and whether it iterates over (pushes) event data
    Deque<Section> sections = new ArrayDeque<>();
    boolean depthReported = false;
    Matcher m = TAG.matcher(source);
    while (m.find()) {
      boolean triple = m.group(1) != null;
      String kind = m.group(2);
      String name = m.group(3);
      String before = source.substring(0, m.start());
      switch (kind) {
        case "!" -> {}
        case ">" ->
            findings.add(
                new Finding(part, "partial", "partials ({{>" + name + "}}) are not supported"));
        case "=" ->
            findings.add(new Finding(part, "delimiters", "changing delimiters is not supported"));
        case "#", "^" -> {
          checkName(part, name, sections, findings);
          boolean pushes = kind.equals("#");
          boolean parentOverEvent = !sections.isEmpty() && sections.peek().overEvent();
          boolean overEvent = parentOverEvent || (pushes && rootOf(name).equals("event"));
          sections.push(new Section(pushes, overEvent));
          if (sections.size() > maxSectionDepth && !depthReported) {
            depthReported = true;
            findings.add(
                new Finding(
                    part,
                    "section_depth",
                    "sections are nested "
                        + sections.size()
                        + " deep at {{"
                        + kind
                        + name
                        + "}}; at most "
                        + maxSectionDepth
                        + " are allowed"));
          }
        }
        case "/" -> {
          if (!sections.isEmpty()) {
            sections.pop();
          }
        }
        default -> {
          checkName(part, name, sections, findings);
          if (html) {
            if (triple || kind.equals("&")) {
              findings.add(
                  new Finding(
                      part,
                      "unescaped_html",
                      "{{"
                          + (triple ? "{" + name + "}" : "&" + name)
                          + "}} is not escaped; use {{"
                          + name
                          + "}}"));
            }
            if (URL_ATTRIBUTE.matcher(before).find() && !name.equals("unsubscribeUrl")) {
              findings.add(
                  new Finding(
                      part,
                      "variable_in_url",
                      "{{"
                          + name
                          + "}} starts a link; write the scheme and host in the template, e.g."
                          + " https://shop.example/orders/{{"
                          + name
                          + "}}"));
            }
            if (insideScript(before)) {
              findings.add(
                  new Finding(
                      part,
                      "variable_in_script",
                      "{{" + name + "}} is inside <script> or <style>"));
            }
          }
        }
      }
    }
  }

  private static void checkName(
      String part, String name, Deque<Section> sections, List<Finding> findings) {
    boolean inSection = sections.stream().anyMatch(Section::pushes);
    if (SECTION_NAMES.contains(name)) {
      if (!inSection) {
        findings.add(
            new Finding(
                part, "unknown_variable", "{{" + name + "}} is only meaningful inside a section"));
      }
      return;
    }
    String root = rootOf(name);
    String field = root.equals(name) ? null : name.substring(root.length() + 1);
    boolean known =
        switch (root) {
          case "customer" -> field != null && TemplateVariables.CUSTOMER_FIELDS.contains(field);
          case "message" -> field != null && TemplateVariables.MESSAGE_FIELDS.contains(field);
          case "event" -> true;
          case "unsubscribeUrl" -> field == null;
          default -> false;
        };
    boolean overEvent = !sections.isEmpty() && sections.peek().overEvent();
    if (known) {
      if (overEvent && !root.equals("event")) {
        findings.add(
            new Finding(
                part,
                "shadowed_variable",
                "{{"
                    + name
                    + "}} inside a section over event data could be replaced by the event's own"
                    + " '"
                    + root
                    + "'; use it outside the section"));
      }
      return;
    }
    if (inSection && TemplateVariables.ROOTS.stream().noneMatch(root::equals)) {
      return; // a field of the section's value, e.g. {{name}} in {{#event.items}}
    }
    findings.add(
        new Finding(
            part,
            "unknown_variable",
            "{{"
                + name
                + "}} is not a variable: use customer."
                + String.join("|", sorted(TemplateVariables.CUSTOMER_FIELDS))
                + ", event.<property>, message."
                + String.join("|", sorted(TemplateVariables.MESSAGE_FIELDS))
                + " or unsubscribeUrl"));
  }

  private static String rootOf(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static boolean insideScript(String before) {
    int open = -1;
    Matcher o = SCRIPT_OPEN.matcher(before);
    while (o.find()) {
      open = o.start();
    }
    if (open < 0) {
      return false;
    }
    return !SCRIPT_CLOSE.matcher(before.substring(open)).find();
  }

  private static List<String> sorted(java.util.Set<String> names) {
    return names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
  }

  /**
   * @param pushes a section ({@code #}) makes its value the context; an inverted one does not
   * @param overEvent its value, or an enclosing one, comes from the event's data
   */
  private record Section(boolean pushes, boolean overEvent) {}
}
