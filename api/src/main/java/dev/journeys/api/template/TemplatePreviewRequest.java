package dev.journeys.api.template;

import dev.journeys.api.Ids;
import dev.journeys.messaging.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.Map;

/**
 * The body of {@code POST /v1/templates/{key}/preview}: render for this customer, send nothing.
 *
 * @param data the message's data (what a journey takes from its events), as {@code event.*}
 * @param version a given version instead of the newest
 */
public record TemplatePreviewRequest(
    @NotNull Channel channel,
    @NotBlank @Pattern(regexp = Ids.REGEX, message = Ids.MESSAGE) String customerId,
    Map<String, Object> data,
    @Positive Integer version) {}
