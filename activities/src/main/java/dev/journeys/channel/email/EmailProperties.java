package dev.journeys.channel.email;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Email sending; the SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender address, e.g. {@code "Shop <hello@shop.example>"}
 * @param messageIdDomain the right-hand side of the Message-IDs we assign
 */
@Validated
@ConfigurationProperties("journeys.channels.email")
public record EmailProperties(@NotBlank String from, @NotBlank String messageIdDomain) {}
