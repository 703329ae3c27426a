package dev.journeys.api.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMS provider's inbound webhook under {@code journeys.webhooks.sms}.
 *
 * @param authToken the provider account's auth token, the key of {@code X-Twilio-Signature}
 * @param publicUrl the webhook URL exactly as configured at the provider, when a proxy makes it
 *     differ from what this server sees; the signature covers it
 */
@ConfigurationProperties("journeys.webhooks.sms")
public record SmsWebhookProperties(String authToken, String publicUrl) {}
