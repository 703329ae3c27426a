/**
 * Channel adapters: one {@link dev.journeys.channel.ChannelSender} per channel, each speaking its
 * provider's wire protocol, registered in {@code ChannelConfiguration} only when its provider is
 * configured ({@code journeys.channels.<name>.base-url}; the webhook channel: {@code url}).
 *
 * <ul>
 *   <li>{@code email} SMTP; {@code sms} Twilio Messages API
 *   <li>{@code whatsapp} WhatsApp Business Cloud API, {@code meta} Messenger and Instagram via the
 *       Send API; both honour the 24-hour customer-service window ({@link
 *       dev.journeys.channel.ServiceWindow}), opened by inbound messages on the API's Meta webhook
 *   <li>{@code push} FCM HTTP v1, removing tokens FCM reports unregistered
 *   <li>{@code webhook} a signed POST ({@link dev.journeys.signature.WebhookSignature})
 * </ul>
 *
 * <p>Errors: {@link dev.journeys.channel.PermanentDeliveryFailure} for refusals that a retry will
 * not change (the send fails, the journey may fall back to another channel); anything else is
 * retried by Temporal. {@link dev.journeys.channel.ProviderHttp} classifies HTTP answers the same
 * way for every adapter: I/O errors, timeouts, 408 and 5xx are retried with backoff, 429 no sooner
 * than its {@code Retry-After}.
 */
package dev.journeys.channel;
