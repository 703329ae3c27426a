package dev.journeys.worker;

import dev.journeys.journey.cart.AbandonedCartSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's settings under {@code journeys.*}.
 *
 * @param taskQueue the task queue polled for journeys and activities
 * @param registerSearchAttributes add the journey search attributes to the namespace at startup
 *     if missing (needs operator rights; turn off for Temporal Cloud and register them there)
 * @param abandonedCart the abandoned-cart journey's waits
 */
@ConfigurationProperties("journeys")
public record WorkerProperties(
    @DefaultValue("journeys") String taskQueue,
    @DefaultValue("true") boolean registerSearchAttributes,
    @DefaultValue AbandonedCart abandonedCart) {

  public record AbandonedCart(
      @DefaultValue("1h") Duration reminderDelay, @DefaultValue("23h") Duration lastCallDelay) {
    public AbandonedCartSettings settings() {
      return new AbandonedCartSettings(reminderDelay, lastCallDelay);
    }
  }
}
