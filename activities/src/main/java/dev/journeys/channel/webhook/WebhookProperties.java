package dev.journeys.channel.webhook;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messages POSTed to the shop's own endpoint (an in-app inbox, a custom integration).
 *
 * @param url where to POST
 * @param secret the shared HMAC secret of the {@code X-Journeys-Signature} header
 */
@ConfigurationProperties("journeys.channels.webhook")
public record WebhookProperties(URI url, String secret, @DefaultValue("10s") Duration timeout) {}
