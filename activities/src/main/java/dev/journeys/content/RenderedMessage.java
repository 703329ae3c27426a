package dev.journeys.content;

import java.util.List;

/**
 * Content ready for a channel. {@code subject} and {@code html} are null for channels without them
 * (SMS).
 *
 * @param templateVersion the template version rendered (recorded in the ledger); null when not
 *     rendered from the template store
 * @param templateLocale the locale of the variant rendered, after fallback
 * @param providerTemplate an approved provider template (WhatsApp) for sends outside the
 *     customer-service window, or null
 * @param providerParams that template's parameters, rendered, in order
 */
public record RenderedMessage(
    String subject,
    String text,
    String html,
    Integer templateVersion,
    String templateLocale,
    String providerTemplate,
    List<String> providerParams) {

  public RenderedMessage {
    providerParams = providerParams == null ? List.of() : List.copyOf(providerParams);
  }

  public RenderedMessage(String subject, String text, String html) {
    this(subject, text, html, null, null, null, List.of());
  }
}
