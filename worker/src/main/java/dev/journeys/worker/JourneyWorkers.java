package dev.journeys.worker;

import dev.journeys.backinstock.BackInStockActivities;
import dev.journeys.customer.CustomerActivities;
import dev.journeys.experiment.ExperimentActivities;
import dev.journeys.handoff.HandoffActivities;
import dev.journeys.messaging.SendActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Registers every journey and activity on the task queue and polls it while the application runs.
 * The journeys are those of {@code JourneyCatalog}, each built with its settings from configuration
 * (e.g. {@code journeys.abandoned-cart.*}): see {@link JourneyRegistration}.
 */
@Component
public class JourneyWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JourneyWorkers.class);

  private final WorkerFactory factory;
  private final SearchAttributeSetup searchAttributes;
  private final WorkerProperties properties;
  private volatile boolean running;

  public JourneyWorkers(
      WorkflowClient client,
      SendActivities sendActivities,
      CustomerActivities profileActivities,
      HandoffActivities handoffActivities,
      BackInStockActivities stockSubscriptions,
      ExperimentActivities experiments,
      dev.journeys.funnel.EnrollmentActivities enrollments,
      SearchAttributeSetup searchAttributes,
      WorkerProperties properties,
      Environment environment,
      List<WorkerInterceptor> interceptors) {
    this.searchAttributes = searchAttributes;
    this.properties = properties;
    // interceptors: journey metrics and the activity log context (worker.observability)
    this.factory =
        WorkerFactory.newInstance(
            client,
            properties
                .worker()
                .factoryOptions()
                .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
                .build());
    var worker = factory.newWorker(properties.taskQueue(), properties.worker().workerOptions());
    JourneyRegistration.registerAll(worker, new ConfiguredSettings(Binder.get(environment)));
    worker.registerActivitiesImplementations(
        sendActivities,
        profileActivities,
        handoffActivities,
        stockSubscriptions,
        experiments,
        enrollments);
  }

  @Override
  public void start() {
    if (properties.registerSearchAttributes()) {
      searchAttributes.ensureRegistered();
    }
    factory.start();
    running = true;
    log.info("polling task queue '{}'", properties.taskQueue());
  }

  @Override
  public void stop() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
