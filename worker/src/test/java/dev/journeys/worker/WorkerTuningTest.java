package dev.journeys.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code journeys.worker.*} reaches the Temporal worker and factory options the worker uses. */
class WorkerTuningTest {

  @Test
  void bindsCapacitySettingsIntoTheWorkerOptions() {
    var source =
        new MapConfigurationPropertySource(
            Map.of(
                "journeys.worker.activity-task-slots", "50",
                "journeys.worker.workflow-task-pollers", "2",
                "journeys.worker.sticky-cache-size", "5000",
                "journeys.worker.virtual-threads", "true"));

    var properties = new Binder(source).bindOrCreate("journeys", WorkerProperties.class);
    var worker = properties.worker().workerOptions();
    var factory = properties.worker().factoryOptions().build();

    assertThat(worker.getMaxConcurrentActivityExecutionSize()).isEqualTo(50);
    assertThat(worker.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(200);
    assertThat(worker.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(2);
    assertThat(worker.isUsingVirtualThreadsOnActivityWorker()).isTrue();
    assertThat(worker.isUsingVirtualThreadsOnWorkflowWorker()).isTrue();
    assertThat(factory.getWorkflowCacheSize()).isEqualTo(5000);
    assertThat(factory.getMaxWorkflowThreadCount()).isEqualTo(5000);
    assertThat(factory.isUsingVirtualWorkflowThreads()).isTrue();
  }
}
