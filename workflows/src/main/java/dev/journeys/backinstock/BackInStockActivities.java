package dev.journeys.backinstock;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Reads and settles back-in-stock subscriptions for a restock fan-out, a page at a time. */
@ActivityInterface
public interface BackInStockActivities {

  /**
   * Up to {@code limit} customers subscribed to the product and not yet notified, in customer id
   * order, after {@code afterCustomerId} (null for the first page).
   */
  @ActivityMethod(name = "OpenStockSubscriptions")
  List<String> openSubscriptions(String productId, String afterCustomerId, int limit);

  /** Marks these customers' subscriptions to the product as notified: they are told only once. */
  @ActivityMethod(name = "MarkStockSubscriptionsNotified")
  void markNotified(String productId, List<String> customerIds);
}
