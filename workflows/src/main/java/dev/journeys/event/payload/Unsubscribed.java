package dev.journeys.event.payload;

import java.util.List;

/**
 * {@code unsubscribed}: the customer withdrew marketing consent; journeys that exit on it end.
 *
 * @param consentChangeId the consent audit entry, when the API announced a consent change
 * @param source where the change came from (the consent audit's source)
 * @param channels the channels withdrawn
 * @param topic the topic withdrawn ({@code MARKETING})
 */
public record Unsubscribed(
    @Id String consentChangeId, String source, List<String> channels, String topic)
    implements EventPayload {

  public Unsubscribed {
    channels = channels == null ? List.of() : List.copyOf(channels);
  }
}
