package dev.journeys.journey.backinstock;

import dev.journeys.backinstock.BackInStockActivities;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyActivityOptions;
import dev.journeys.journey.JourneyDefinition;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** See {@link BackInStockFanOut}. */
public class BackInStockFanOutImpl implements BackInStockFanOut {

  private static final Logger log = Workflow.getLogger(BackInStockFanOutImpl.class);

  /** Version marker: pages are claimed atomically instead of read, then marked. */
  static final String CLAIMED_PAGES = "restock-claims";

  private final BackInStockSettings settings;
  private final BackInStockActivities subscriptions =
      Workflow.newActivityStub(
          BackInStockActivities.class, JourneyActivityOptions.defaults().lookup());
  private long notified;

  public BackInStockFanOutImpl() {
    this(BackInStockSettings.DEFAULTS);
  }

  public BackInStockFanOutImpl(BackInStockSettings settings) {
    this.settings = settings;
  }

  @Override
  public long run(Restock restock) {
    notified = restock.notified();
    // Claiming marks a page notified in the same statement, so two restocks of one product at
    // once never both tell a subscriber; runs started before read the page, then marked it.
    boolean claims =
        Workflow.getVersion(CLAIMED_PAGES, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
    List<String> page =
        claims
            ? subscriptions.claimSubscriptions(
                restock.productId(),
                restock.restockId(),
                restock.afterCustomerId(),
                settings.pageSize())
            : subscriptions.openSubscriptions(
                restock.productId(), restock.afterCustomerId(), settings.pageSize());
    if (page.isEmpty()) {
      log.info(
          "restock {} of {}: {} subscribers told",
          restock.restockId(),
          restock.productId(),
          notified);
      return notified;
    }

    List<Promise<?>> started = new ArrayList<>();
    for (String customerId : page) {
      started.add(startNotification(restock, customerId));
    }
    // a notification that cannot start (already started by a retried page) is already on its way
    for (Promise<?> start : started) {
      try {
        start.get();
      } catch (RuntimeException alreadyStarted) {
        log.info("notification not started again: {}", alreadyStarted.getMessage());
      }
    }
    if (!claims) {
      subscriptions.markNotified(restock.productId(), page);
    }
    notified += page.size();

    // a named Workflow.sleep: the same timer, with a summary for the Temporal UI
    Workflow.newTimer(
            settings.pause(page.size()),
            TimerOptions.newBuilder()
                .setSummary(
                    "pace: " + page.size() + " notified, next page of " + restock.productId())
                .build())
        .get();
    if (page.size() < settings.pageSize()) {
      return notified;
    }
    Workflow.continueAsNew(restock.nextPage(page.getLast(), page.size()));
    return notified;
  }

  private Promise<?> startNotification(Restock restock, String customerId) {
    var options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(
                BackInStock.DEFINITION.workflowId(customerId)
                    + "/"
                    + restock.productId()
                    + "/"
                    + restock.restockId())
            .setTaskQueue(JourneyDefinition.TASK_QUEUE)
            // the notification outlives this page's run: continue-as-new must not cancel it
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build();
    var child = Workflow.newChildWorkflowStub(BackInStockJourney.class, options);
    Map<String, Object> product = new HashMap<>();
    product.put("productId", restock.productId());
    product.put(
        "productName", restock.productName() == null ? restock.productId() : restock.productName());
    var trigger =
        new CustomerEvent(
            restock.restockId() + "/" + customerId,
            customerId,
            EventTypes.BACK_IN_STOCK,
            Instant.ofEpochMilli(Workflow.currentTimeMillis()),
            product);
    Async.function(child::run, new Enrollment(BackInStock.DEFINITION.name(), customerId, trigger));
    return Workflow.getWorkflowExecution(child);
  }

  @Override
  public long notified() {
    return notified;
  }
}
