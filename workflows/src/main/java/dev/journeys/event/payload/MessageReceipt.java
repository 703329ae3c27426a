package dev.journeys.event.payload;

/**
 * {@code message_delivered} and {@code message_failed}: a provider's delivery receipt, signalled by
 * the API's webhooks to the journey that sent the message (never accepted at {@code /v1/events}).
 *
 * @param idempotencyKey the ledger's key of the send
 * @param channel the channel's name ({@code EMAIL}, {@code SMS}, …)
 * @param providerMessageId the provider's id of the message
 * @param status the provider's status
 * @param reason why it failed, when it did
 * @param messageKey the journey's message key
 * @param step the journey step that sent it
 */
public record MessageReceipt(
    String idempotencyKey,
    String channel,
    @Id String providerMessageId,
    String status,
    String reason,
    String messageKey,
    String step)
    implements EventPayload {}
