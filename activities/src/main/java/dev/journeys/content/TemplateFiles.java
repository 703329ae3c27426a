package dev.journeys.content;

import dev.journeys.messaging.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Template files on the classpath: each journey's own, {@code
 * journeys/<journey>/templates/<message-key>/<channel>[.<locale>].txt} (beside the journey in the
 * workflows module), and any under {@code templates/<message-key>/...}; with {@code .html} beside a
 * file for the HTML part of an email. A text file may start with header lines before its body:
 * {@code Subject:} (email), {@code Template:} and {@code Param:} lines (the approved WhatsApp
 * template and its parameters).
 */
final class TemplateFiles {

  private static final Pattern FILE =
      Pattern.compile(
          ".*?/((?:journeys/[^/]+/)?templates/([^/]+)/([a-z]+)"
              + "(?:\\.([A-Za-z]{2,3}(?:-[A-Za-z]{2})?))?\\.txt)");

  /** Where template files are looked for, each journey's own first. */
  private static final List<String> LOCATIONS =
      List.of("classpath*:journeys/*/templates/*/*.txt", "classpath*:templates/*/*.txt");

  private static final Pattern HEADER = Pattern.compile("(Subject|Template|Param):(.*)");

  private TemplateFiles() {}

  /** Every template file on the classpath, as version 1 of its key, channel and locale. */
  static List<MessageTemplate> load(String fallbackLocale) throws IOException {
    var resolver = new PathMatchingResourcePatternResolver(TemplateFiles.class.getClassLoader());
    List<MessageTemplate> templates = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    for (String location : LOCATIONS) {
      resources.addAll(List.of(resolver.getResources(location)));
    }
    for (Resource resource : resources) {
      String url = resource.getURL().toString();
      Matcher m = FILE.matcher(url);
      if (!m.matches()) {
        continue;
      }
      Channel channel;
      try {
        channel = Channel.valueOf(m.group(3).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException notAChannel) {
        throw new IllegalStateException("template file " + url + " is not named for a channel");
      }
      String locale = m.group(4) == null ? fallbackLocale : m.group(4);
      String html =
          read(resource.createRelative(resource.getFilename().replaceFirst("\\.txt$", ".html")))
              .orElse(null);
      templates.add(
          parse(
              m.group(2),
              channel,
              locale,
              read(resource).orElseThrow(),
              html,
              "classpath:" + m.group(1)));
    }
    return templates;
  }

  static MessageTemplate parse(
      String key, Channel channel, String locale, String file, String html, String source) {
    String subject = null;
    String providerTemplate = null;
    List<String> params = new ArrayList<>();
    String rest = file;
    while (true) {
      int end = rest.indexOf('\n');
      String line = end < 0 ? rest : rest.substring(0, end);
      Matcher h = HEADER.matcher(line.strip());
      if (!h.matches()) {
        break;
      }
      String value = h.group(2).strip();
      switch (h.group(1)) {
        case "Subject" -> subject = value;
        case "Template" -> providerTemplate = value;
        default -> params.add(value);
      }
      rest = end < 0 ? "" : rest.substring(end + 1);
    }
    // template files end with a newline; an SMS must not (it costs a character)
    return new MessageTemplate(
        key, channel, locale, 1, subject, rest.strip(), html, providerTemplate, params, source);
  }

  private static Optional<String> read(Resource resource) throws IOException {
    if (!resource.exists()) {
      return Optional.empty();
    }
    try (InputStream in = resource.getInputStream()) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
