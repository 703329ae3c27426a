package dev.journeys.event.payload;

/**
 * {@code order_shipped}.
 *
 * @param orderId the order shipped; post-purchase matches it to its enrollment
 * @param carrier the carrier's name, for the shipping update
 * @param trackingUrl where the customer can follow the parcel
 */
public record OrderShipped(@Id String orderId, String carrier, String trackingUrl)
    implements EventPayload, AboutOrder {}
