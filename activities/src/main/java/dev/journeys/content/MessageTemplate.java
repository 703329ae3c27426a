package dev.journeys.content;

import dev.journeys.messaging.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of a message's content for a channel and locale. Bodies are Mustache templates over
 * namespaced variables ({@link TemplateVariables}): {@code {{customer.firstName}}}, {@code
 * {{event.cartTotal}}}; in {@code html} values are HTML-escaped.
 *
 * @param providerTemplate the name of a provider-approved template (WhatsApp) used outside the
 *     24-hour customer-service window, with {@code providerParams} as its body parameters
 * @param source where it came from: {@code classpath:...} for seeded files, {@code key:...} for a
 *     version added through the API
 * @param variables how its variables are named; {@link VariableNaming#FLAT} only for versions
 *     stored before namespaces
 * @param publishedAt when it was published; null for a draft, which is never sent
 * @param publishedBy who published it (the API key's name, or the seed file)
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
    String source,
    VariableNaming variables,
    Instant publishedAt,
    String publishedBy) {

  /** A draft with namespaced variables. */
  public MessageTemplate(
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
    this(
        messageKey,
        channel,
        locale,
        version,
        subject,
        text,
        html,
        providerTemplate,
        providerParams,
        source,
        VariableNaming.NAMESPACED,
        null,
        null);
  }

  public MessageTemplate {
    Objects.requireNonNull(messageKey, "messageKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(text, "text");
    providerParams = providerParams == null ? List.of() : List.copyOf(providerParams);
    variables = variables == null ? VariableNaming.NAMESPACED : variables;
  }

  /** Whether sends may use it. */
  public boolean published() {
    return publishedAt != null;
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

  /** The same content as another version number (the store numbers versions on insert). */
  public MessageTemplate withVersion(int newVersion) {
    return copy(newVersion, publishedAt, publishedBy);
  }

  /** The same version, published. */
  public MessageTemplate publishedAt(Instant at, String by) {
    return copy(version, at, by);
  }

  private MessageTemplate copy(int newVersion, Instant at, String by) {
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
        source,
        variables,
        at,
        by);
  }
}
