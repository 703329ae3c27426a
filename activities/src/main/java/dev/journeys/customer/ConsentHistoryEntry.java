package dev.journeys.customer;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.time.Instant;

/** One change in a customer's consent audit trail: what, to what, from where, when. */
public record ConsentHistoryEntry(
    Channel channel, Topic topic, ConsentStatus status, String source, Instant changedAt) {}
