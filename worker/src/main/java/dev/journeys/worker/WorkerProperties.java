package dev.journeys.worker;

import dev.journeys.journey.backinstock.BackInStockSettings;
import dev.journeys.journey.cart.AbandonedCartSettings;
import dev.journeys.journey.winback.WinBackSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's settings under {@code journeys.*}.
 *
 * @param taskQueue the task queue polled for journeys and activities
 * @param registerSearchAttributes add the journey search attributes to the namespace at startup if
 *     missing (needs operator rights; turn off for Temporal Cloud and register them there)
 * @param abandonedCart the abandoned-cart journey's waits
 * @param winBack the win-back journey's lapse period, message gap and messages
 * @param backInStock page size and pace of a restock's fan-out to its subscribers
 */
@ConfigurationProperties("journeys")
public record WorkerProperties(
    @DefaultValue("journeys") String taskQueue,
    @DefaultValue("true") boolean registerSearchAttributes,
    @DefaultValue AbandonedCart abandonedCart,
    @DefaultValue WinBack winBack,
    @DefaultValue BackInStock backInStock) {

  /**
   * @param smsLastCallWeight weight of the A/B arm whose last call goes by SMS
   * @param emailLastCallWeight weight of the A/B arm whose last call goes by email
   * @param holdoutPercent share of customers (0-100) held out of the journey's messages
   */
  public record AbandonedCart(
      @DefaultValue("1h") Duration reminderDelay,
      @DefaultValue("23h") Duration lastCallDelay,
      @DefaultValue("1") int smsLastCallWeight,
      @DefaultValue("1") int emailLastCallWeight,
      @DefaultValue("0") int holdoutPercent) {
    public AbandonedCartSettings settings() {
      return new AbandonedCartSettings(
          reminderDelay, lastCallDelay, smsLastCallWeight, emailLastCallWeight, holdoutPercent);
    }
  }

  public record WinBack(
      @DefaultValue("60d") Duration lapse,
      @DefaultValue("7d") Duration gap,
      @DefaultValue({"win-back-miss-you", "win-back-offer", "win-back-last-chance"})
          java.util.List<String> messages) {
    public WinBackSettings settings() {
      return new WinBackSettings(
          lapse, gap, messages, WinBackSettings.DEFAULTS.continueAsNewAfter());
    }
  }

  public record BackInStock(
      @DefaultValue("200") int pageSize, @DefaultValue("50") int sendsPerSecond) {
    public BackInStockSettings settings() {
      return new BackInStockSettings(pageSize, sendsPerSecond);
    }
  }
}
