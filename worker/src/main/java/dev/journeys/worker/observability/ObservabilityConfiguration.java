package dev.journeys.worker.observability;

import dev.journeys.channel.ChannelSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the worker's metrics: timed channel adapters and latency histograms. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

  /**
   * The Temporal SDK's latencies that tell whether workers keep up; as histograms, Prometheus can
   * compute their quantiles across worker instances.
   */
  static final Set<String> HISTOGRAMS =
      Set.of(
          "temporal_workflow_task_schedule_to_start_latency",
          "temporal_activity_schedule_to_start_latency",
          "temporal_workflow_endtoend_latency",
          SendActivityMetrics.SEND_DURATION);

  @Bean
  MeterFilter latencyHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          io.micrometer.core.instrument.Meter.Id id, DistributionStatisticConfig config) {
        if (!HISTOGRAMS.contains(id.getName())) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(true)
            .build()
            .merge(config);
      }
    };
  }

  /** Every channel adapter, whatever configuration declared it, is timed. */
  @Bean
  static BeanPostProcessor timedChannelSenders(ObjectProvider<MeterRegistry> registry) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof ChannelSender adapter && !(bean instanceof TimedChannelSender)
            ? new TimedChannelSender(adapter, registry.getObject())
            : bean;
      }
    };
  }
}
