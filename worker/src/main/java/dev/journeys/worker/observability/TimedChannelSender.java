package dev.journeys.worker.observability;

import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.messaging.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A channel adapter with its provider call timed: latency by channel and result ({@code accepted},
 * {@code refused} for a permanent refusal, {@code error} for a failure that will be retried), and
 * errors by channel and exception type.
 */
final class TimedChannelSender implements ChannelSender {

  static final String PROVIDER_LATENCY = "journeys.provider.latency";
  static final String PROVIDER_ERRORS = "journeys.provider.errors";

  private final ChannelSender adapter;
  private final MeterRegistry registry;

  TimedChannelSender(ChannelSender adapter, MeterRegistry registry) {
    this.adapter = adapter;
    this.registry = registry;
  }

  @Override
  public Channel channel() {
    return adapter.channel();
  }

  @Override
  public String send(OutboundMessage message) throws PermanentDeliveryFailure {
    Timer.Sample sample = Timer.start(registry);
    String result = "error";
    try {
      String providerId = adapter.send(message);
      result = "accepted";
      return providerId;
    } catch (PermanentDeliveryFailure refused) {
      result = "refused";
      throw refused;
    } catch (RuntimeException e) {
      Counter.builder(PROVIDER_ERRORS)
          .description("provider calls that failed and will be retried")
          .tag("channel", channel().name())
          .tag("error", e.getClass().getSimpleName())
          .register(registry)
          .increment();
      throw e;
    } finally {
      sample.stop(
          Timer.builder(PROVIDER_LATENCY)
              .description("time the channel's provider took to take (or refuse) a message")
              .tag("channel", channel().name())
              .tag("result", result)
              .publishPercentileHistogram()
              .register(registry));
    }
  }

  @Override
  public String toString() {
    return "timed " + adapter;
  }
}
