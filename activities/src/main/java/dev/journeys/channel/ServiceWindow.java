package dev.journeys.channel;

import dev.journeys.customer.ChannelActivity;
import dev.journeys.messaging.Channel;
import java.time.Clock;
import java.time.Duration;

/**
 * The messaging apps' customer-service window: free-form messages only within 24 hours of the
 * customer's last message to us on that channel; outside it, only an approved template (WhatsApp)
 * or a message tag (Messenger, Instagram).
 */
public final class ServiceWindow {

  public static final Duration LENGTH = Duration.ofHours(24);

  private final ChannelActivity activity;
  private final Clock clock;

  public ServiceWindow(ChannelActivity activity, Clock clock) {
    this.activity = activity;
    this.clock = clock;
  }

  public boolean isOpen(String customerId, Channel channel) {
    if (customerId == null) {
      return false;
    }
    return activity
        .lastInbound(customerId, channel)
        .map(last -> last.plus(LENGTH).isAfter(clock.instant()))
        .orElse(false);
  }
}
