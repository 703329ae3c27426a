package dev.journeys.event.payload;

/**
 * {@code delivery_delayed}.
 *
 * @param orderId the late order; delivery-delayed enrols once per order
 * @param reason why, in the carrier's words
 */
public record DeliveryDelay(@Id String orderId, String reason)
    implements EventPayload, AboutOrder {}
