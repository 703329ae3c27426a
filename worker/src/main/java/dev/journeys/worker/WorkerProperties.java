package dev.journeys.worker;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's settings under {@code journeys.*}. Each journey's own settings (e.g. {@code
 * journeys.abandoned-cart.*}) are declared by its definition and bound when it is registered: see
 * {@link ConfiguredSettings}.
 *
 * @param taskQueue the task queue polled for journeys and activities
 * @param registerSearchAttributes add the journey search attributes to the namespace at startup if
 *     missing (needs operator rights; turn off for Temporal Cloud and register them there)
 * @param worker how much work one worker process takes on (docs/operations.md, "Scaling workers")
 */
@ConfigurationProperties("journeys")
public record WorkerProperties(
    @DefaultValue("journeys") String taskQueue,
    @DefaultValue("true") boolean registerSearchAttributes,
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
}
