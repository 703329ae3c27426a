package dev.journeys.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks e-mail addresses, phone numbers and secrets in every field of a structured log line
 * (message, MDC, exception text and stack trace), whoever wrote it: our code, a provider's error
 * echoed into an exception, or a library. Configured for both apps with {@code
 * logging.structured.json.customizer}; {@link #mask} is for logs written outside that path.
 *
 * <p>An address keeps its domain ({@code ***@example.com}), a phone number its last two digits
 * ({@code +***67}): enough to tell a bounce at one provider or a number's country from another, not
 * enough to find the customer.
 */
public class PersonalDataMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");

  /** E.164 (the only phone format the store accepts), also inside {@code whatsapp:+...}. */
  private static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{5,13}(\\d{2})(?!\\d)");

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=-]+");

  /** {@code token=...}, {@code "auth-token": "..."}, {@code secret: ...}, {@code ?token=...}. */
  private static final Pattern SECRET =
      Pattern.compile(
          "(?i)\\b((?:[a-z]+[_-])?(?:token|secret|password|signature|api[_-]?key)\"?\\s*[=:]\\s*\"?)"
              + "[^\\s&\"',;)}]+");

  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(
        JsonWriter.ValueProcessor.of(String.class, PersonalDataMasking::mask));
  }

  /** The text with addresses, phone numbers and secrets masked; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = replace(EMAIL, text, m -> "***@" + m.group(1));
    masked = replace(PHONE, masked, m -> "+***" + m.group(1));
    masked = replace(BEARER, masked, m -> m.group(1) + "***");
    return replace(SECRET, masked, m -> m.group(1) + "***");
  }

  private static String replace(
      Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      matcher.appendReplacement(out, Matcher.quoteReplacement(by.apply(matcher)));
    } while (matcher.find());
    matcher.appendTail(out);
    return out.toString();
  }
}
