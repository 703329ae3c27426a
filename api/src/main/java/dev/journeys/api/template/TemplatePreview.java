package dev.journeys.api.template;

import dev.journeys.messaging.Channel;
import java.util.List;

/** A rendered message as the customer would get it, and which template version made it. */
public record TemplatePreview(
    String messageKey,
    Channel channel,
    String locale,
    int version,
    String subject,
    String text,
    String html,
    String providerTemplate,
    List<String> providerParams) {}
