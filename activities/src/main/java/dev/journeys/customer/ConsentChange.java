package dev.journeys.customer;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A change of consent for one channel and topic, for a whole channel ({@code topic} null), for a
 * topic on every channel ({@code channel} null), or for everything (both null): the unified
 * opt-out. It is stored as one consent row per channel and topic it covers, each audited.
 */
public record ConsentChange(Channel channel, Topic topic, ConsentStatus status) {

  public ConsentChange {
    Objects.requireNonNull(status, "status");
  }

  /** The consent rows this change sets. */
  public List<Consent> consents() {
    List<Consent> result = new ArrayList<>();
    for (Channel c : channel == null ? Channel.values() : new Channel[] {channel}) {
      for (Topic t : topic == null ? Topic.values() : new Topic[] {topic}) {
        result.add(new Consent(c, t, status, null, null));
      }
    }
    return result;
  }
}
