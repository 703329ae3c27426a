package dev.journeys.event.payload;

/**
 * {@code customer_signed_up}: no declared properties; the profile carries what welcome-series
 * needs, and any property is a template variable.
 */
public record CustomerSignedUp() implements EventPayload {}
