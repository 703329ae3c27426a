package dev.journeys.content;

import dev.journeys.messaging.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Renders message content from classpath templates {@code templates/<message-key>/<channel>.txt}
 * (and {@code email.html} for the HTML part). Email text templates start with a {@code Subject:}
 * line. Variables are written {@code {{name}}}; a missing one is an error naming the template.
 */
@Component
public class MessageRenderer {

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

  public RenderedMessage render(String messageKey, Channel channel, Map<String, ?> variables) {
    String name = messageKey + "/" + channel.name().toLowerCase(Locale.ROOT);
    String text =
        load(name + ".txt")
            .orElseThrow(() -> new TemplateRenderException("no template " + name + ".txt"));
    String subject = null;
    if (channel == Channel.EMAIL) {
      if (!text.startsWith("Subject:")) {
        throw new TemplateRenderException(
            "template " + name + ".txt must start with a 'Subject:' line");
      }
      int end = text.indexOf('\n');
      subject = substitute(name, text.substring("Subject:".length(), end).strip(), variables, false);
      text = text.substring(end + 1).stripLeading();
    }
    // template files end with a newline; an SMS must not (it costs a character, may split a segment)
    String renderedText = substitute(name, text, variables, false).strip();
    String html =
        channel == Channel.EMAIL
            ? load(name + ".html").map(t -> substitute(name, t, variables, true)).orElse(null)
            : null;
    return new RenderedMessage(subject, renderedText, html);
  }

  private static String substitute(
      String template, String text, Map<String, ?> variables, boolean escapeHtml) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String variable = m.group(1);
      Object value = variables.get(variable);
      if (value == null) {
        throw new TemplateRenderException(
            "template " + template + " needs variable '" + variable + "', which is missing");
      }
      String s = String.valueOf(value);
      m.appendReplacement(out, Matcher.quoteReplacement(escapeHtml ? escape(s) : s));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static Optional<String> load(String path) {
    try (InputStream in =
        MessageRenderer.class.getClassLoader().getResourceAsStream("templates/" + path)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TemplateRenderException("cannot read template " + path + ": " + e.getMessage());
    }
  }
}
