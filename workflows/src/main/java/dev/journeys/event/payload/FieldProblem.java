package dev.journeys.event.payload;

/** Why one property of an event does not fit its declared payload, e.g. {@code orderId}. */
public record FieldProblem(String field, String message) {}
