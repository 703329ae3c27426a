package dev.journeys.event.payload;

/**
 * {@code order_delivered}.
 *
 * @param orderId the order delivered (without one: every delivery-delayed enrollment of the
 *     customer ends)
 */
public record OrderDelivered(@Id String orderId) implements EventPayload, AboutOrder {}
