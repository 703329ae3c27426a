package dev.journeys.api.template;

import dev.journeys.api.input.RejectUnknownFields;
import dev.journeys.messaging.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /v1/templates/{key}/versions}: the next version of a message's content
 * for a channel and locale. Bodies are Mustache templates and must compile.
 */
@RejectUnknownFields
public record TemplateVersionRequest(
    @NotNull Channel channel,
    @NotNull
        @Pattern(
            regexp = "[a-z]{2,3}(-[A-Z]{2})?",
            message = "must be a language tag such as en or de-AT")
        String locale,
    @Size(max = 998) String subject,
    @NotBlank @Size(max = 100_000) String text,
    @Size(max = 500_000) String html,
    @Size(max = 512) String providerTemplate,
    @Size(max = 20) List<@NotNull String> providerParams) {}
