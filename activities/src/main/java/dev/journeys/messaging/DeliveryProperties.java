package dev.journeys.messaging;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery semantics under {@code journeys.delivery-semantics}: per topic kind, overridable per
 * channel, e.g.
 *
 * <pre>{@code
 * journeys:
 *   delivery-semantics:
 *     transactional: at-least-once     # the default
 *     promotional: at-most-once        # the default
 *     channels:
 *       webhook: { promotional: at-least-once }   # the receiver drops repeats by Idempotency-Key
 * }</pre>
 *
 * @param transactional for TRANSACTIONAL messages (an order confirmation late or twice beats none)
 * @param promotional for every other topic (a second marketing message is worse than none)
 * @param channels per-channel overrides; an unset field falls back to the two above
 * @param leaseMargin added to a channel's longest possible attempt to give the attempt's lease
 */
@ConfigurationProperties("journeys.delivery-semantics")
public record DeliveryProperties(
    @DefaultValue("at-least-once") DeliverySemantics transactional,
    @DefaultValue("at-most-once") DeliverySemantics promotional,
    Map<Channel, PerChannel> channels,
    @DefaultValue("15s") Duration leaseMargin) {

  public DeliveryProperties {
    channels = channels == null ? Map.of() : Map.copyOf(channels);
  }

  /** One channel's overrides; null means the default for the topic kind. */
  public record PerChannel(DeliverySemantics transactional, DeliverySemantics promotional) {}

  /** The semantics of a send on {@code channel} about {@code topic}. */
  public DeliverySemantics of(Channel channel, Topic topic) {
    PerChannel own = channels.get(channel);
    if (topic.isPromotional()) {
      return own != null && own.promotional() != null ? own.promotional() : promotional;
    }
    return own != null && own.transactional() != null ? own.transactional() : transactional;
  }
}
