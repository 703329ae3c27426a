package dev.journeys.content;

import dev.journeys.messaging.Channel;
import java.util.List;
import java.util.Objects;

/**
 * One version of a message's content for a channel and locale. Bodies are Mustache templates:
 * {@code {{firstName}}}; in {@code html} values are HTML-escaped.
 *
 * @param providerTemplate the name of a provider-approved template (WhatsApp) used outside the
 *     24-hour customer-service window, with {@code providerParams} as its body parameters
 * @param source where it came from: {@code classpath:...} for seeded files, {@code api} ...
 */
public record MessageTemplate(
    String messageKey,
    Channel channel,
    String locale,
    int version,
    String subject,
    String text,
    String html,
    String providerTemplate,
    List<String> providerParams,
    String source) {

  public MessageTemplate {
    Objects.requireNonNull(messageKey, "messageKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(text, "text");
    providerParams = providerParams == null ? List.of() : List.copyOf(providerParams);
  }

  /** Where it is, for error messages: {@code cart-reminder/email/en@v2}. */
  public String name() {
    return messageKey
        + "/"
        + channel.name().toLowerCase(java.util.Locale.ROOT)
        + "/"
        + locale
        + "@v"
        + version;
  }

  public MessageTemplate withVersion(int newVersion) {
    return new MessageTemplate(
        messageKey,
        channel,
        locale,
        newVersion,
        subject,
        text,
        html,
        providerTemplate,
        providerParams,
        source);
  }
}
