package dev.journeys.content;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Message content.
 *
 * @param fallbackLocale the variant used when none matches the customer's locale (nor its
 *     language); seeded files without a locale in their name are stored under it
 * @param seed whether the classpath template files ({@code journeys/<journey>/templates/**}, {@code
 *     templates/**}) are loaded into the store at startup
 */
@Validated
@ConfigurationProperties("journeys.templates")
public record ContentProperties(
    @DefaultValue("en") @NotBlank String fallbackLocale, @DefaultValue("true") boolean seed) {}
