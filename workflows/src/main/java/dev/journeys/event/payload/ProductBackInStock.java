package dev.journeys.event.payload;

/**
 * {@code back_in_stock}: the trigger the restock fan-out gives each subscriber's journey.
 *
 * @param productId the product restocked (required)
 * @param productName its name, for the message (the fan-out uses the id when it has none)
 */
public record ProductBackInStock(@Id String productId, String productName)
    implements EventPayload {}
