package dev.journeys.journey.backinstock;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One restock, told to every subscriber of the product: pages through the subscriptions with an
 * activity (never all in memory), starts one {@link BackInStockJourney} per subscriber, marks the
 * page notified, waits to keep to the send rate, and continues as new with the cursor. Scales to
 * any number of subscribers at constant history size per run.
 */
@WorkflowInterface
public interface BackInStockFanOut {

  @WorkflowMethod(name = "BackInStockFanOut")
  long run(Restock restock);

  /** Subscribers notified so far. */
  @QueryMethod(name = "notified")
  long notified();

  /** The fan-out's workflow id for a restock. */
  static String workflowId(Restock restock) {
    return "restock/" + restock.productId() + "/" + restock.restockId();
  }
}
