package dev.journeys.worker;

import dev.journeys.experiment.ExperimentActivities;
import dev.journeys.handoff.HandoffActivities;
import dev.journeys.journey.cart.AbandonedCartJourney;
import dev.journeys.journey.cart.AbandonedCartJourneyImpl;
import dev.journeys.journey.delivery.DeliveryDelayedJourneyImpl;
import dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl;
import dev.journeys.journey.restock.BackInStockFanOut;
import dev.journeys.journey.restock.BackInStockFanOutImpl;
import dev.journeys.journey.restock.BackInStockJourneyImpl;
import dev.journeys.journey.support.SupportEscalationJourneyImpl;
import dev.journeys.journey.welcome.WelcomeSeriesJourneyImpl;
import dev.journeys.journey.winback.WinBackJourney;
import dev.journeys.journey.winback.WinBackJourneyImpl;
import dev.journeys.messaging.SendActivities;
import dev.journeys.profile.ProfileActivities;
import dev.journeys.restock.StockSubscriptionActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Registers every journey and activity on the task queue and polls it while the application runs.
 * Journeys are registered through factories so they get their settings from configuration.
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
      ProfileActivities profileActivities,
      HandoffActivities handoffActivities,
      StockSubscriptionActivities stockSubscriptions,
      ExperimentActivities experiments,
      SearchAttributeSetup searchAttributes,
      WorkerProperties properties,
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
    var cart = properties.abandonedCart().settings();
    worker.registerWorkflowImplementationFactory(
        AbandonedCartJourney.class, () -> new AbandonedCartJourneyImpl(cart));
    worker.registerActivitiesImplementations(sendActivities);
    worker.registerWorkflowImplementationTypes(
        WelcomeSeriesJourneyImpl.class,
        PostPurchaseJourneyImpl.class,
        DeliveryDelayedJourneyImpl.class,
        SupportEscalationJourneyImpl.class);
    var winBack = properties.winBack().settings();
    worker.registerWorkflowImplementationFactory(
        WinBackJourney.class, () -> new WinBackJourneyImpl(winBack));
    var restock = properties.backInStock().settings();
    worker.registerWorkflowImplementationFactory(
        BackInStockFanOut.class, () -> new BackInStockFanOutImpl(restock));
    worker.registerWorkflowImplementationTypes(BackInStockJourneyImpl.class);
    worker.registerActivitiesImplementations(
        profileActivities, handoffActivities, stockSubscriptions, experiments);
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
