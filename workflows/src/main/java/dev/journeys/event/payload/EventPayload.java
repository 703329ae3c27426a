package dev.journeys.event.payload;

/**
 * The declared payload of one event type: a record whose components are the properties the journeys
 * read, with their types. {@link EventPayloads} says which record belongs to which type. Properties
 * an event carries beyond these stay in {@link dev.journeys.event.CustomerEvent#properties} as
 * template variables.
 */
public interface EventPayload {}
