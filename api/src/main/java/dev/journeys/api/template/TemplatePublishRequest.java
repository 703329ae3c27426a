package dev.journeys.api.template;

import dev.journeys.api.input.RejectUnknownFields;
import dev.journeys.messaging.Channel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * The body of {@code POST /v1/templates/{key}/publish}: the version of a message's content for a
 * channel and locale that sends use from now on.
 */
@RejectUnknownFields
public record TemplatePublishRequest(
    @NotNull Channel channel,
    @NotNull
        @Pattern(
            regexp = "[a-z]{2,3}(-[A-Z]{2})?",
            message = "must be a language tag such as en or de-AT")
        String locale,
    @NotNull @Positive Integer version) {}
