package dev.journeys.worker;

import dev.journeys.journey.cart.AbandonedCartSettings;
import dev.journeys.journey.restock.RestockSettings;
import dev.journeys.journey.winback.WinBackSettings;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
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
 * @param worker how much work one worker process takes on (docs/operations.md, "Scaling workers")
 */
@ConfigurationProperties("journeys")
public record WorkerProperties(
    @DefaultValue("journeys") String taskQueue,
    @DefaultValue("true") boolean registerSearchAttributes,
    @DefaultValue AbandonedCart abandonedCart,
    @DefaultValue WinBack winBack,
    @DefaultValue BackInStock backInStock,
    @DefaultValue Tuning worker) {

  /**
   * Capacity of one worker process; the defaults are the Temporal SDK's.
   *
   * @param workflowTaskSlots workflow tasks run at once (journey code; short, CPU-bound)
   * @param activityTaskSlots activities run at once (sends: mostly waiting on the database and
   *     providers, so this can be well above the number of cores)
   * @param workflowTaskPollers concurrent long polls for workflow tasks
   * @param activityTaskPollers concurrent long polls for activity tasks
   * @param stickyCacheSize journeys kept in memory between their tasks, so a task does not replay
   *     the history; each cached journey holds a thread unless virtual threads are on
   * @param virtualThreads run workflow and activity tasks on virtual threads (Java 21+): the cache
   *     then costs no platform threads
   */
  public record Tuning(
      @DefaultValue("200") int workflowTaskSlots,
      @DefaultValue("200") int activityTaskSlots,
      @DefaultValue("5") int workflowTaskPollers,
      @DefaultValue("5") int activityTaskPollers,
      @DefaultValue("600") int stickyCacheSize,
      @DefaultValue("false") boolean virtualThreads) {

    public WorkerOptions workerOptions() {
      return WorkerOptions.newBuilder()
          .setMaxConcurrentWorkflowTaskExecutionSize(workflowTaskSlots)
          .setMaxConcurrentActivityExecutionSize(activityTaskSlots)
          .setMaxConcurrentWorkflowTaskPollers(workflowTaskPollers)
          .setMaxConcurrentActivityTaskPollers(activityTaskPollers)
          .setUsingVirtualThreads(virtualThreads)
          .build();
    }

    /** The factory's share: the sticky cache and the threads that hold cached journeys. */
    public WorkerFactoryOptions.Builder factoryOptions() {
      return WorkerFactoryOptions.newBuilder()
          .setWorkflowCacheSize(stickyCacheSize)
          .setMaxWorkflowThreadCount(Math.max(stickyCacheSize, workflowTaskSlots))
          .setUsingVirtualWorkflowThreads(virtualThreads);
    }
  }

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
    public RestockSettings settings() {
      return new RestockSettings(pageSize, sendsPerSecond);
    }
  }
}
