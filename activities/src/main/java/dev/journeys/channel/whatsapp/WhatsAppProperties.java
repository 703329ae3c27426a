package dev.journeys.channel.whatsapp;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WhatsApp Business Cloud API. The adapter exists only when {@code base-url} is set; it then needs
 * the phone number id and a (system user) access token.
 *
 * @param baseUrl e.g. {@code https://graph.facebook.com}
 * @param apiVersion the Graph API version in the path, e.g. {@code v21.0}
 * @param phoneNumberId the business phone number's id (not the number)
 */
@ConfigurationProperties("journeys.channels.whatsapp")
public record WhatsAppProperties(
    URI baseUrl,
    @DefaultValue("v21.0") String apiVersion,
    String phoneNumberId,
    String accessToken,
    @DefaultValue("10s") Duration timeout) {}
