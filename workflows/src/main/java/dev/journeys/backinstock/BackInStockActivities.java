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

  /**
   * Claims up to {@code limit} open subscriptions to the product for this restock, in customer id
   * order after {@code afterCustomerId} (null for the first page), and returns their customers. The
   * claim marks them notified in the same statement, so two restocks of one product running at once
   * never both get a subscriber (reading with {@link #openSubscriptions} and then calling {@link
   * #markNotified} leaves a window in which they do). A retried claim of the same restock and
   * cursor returns the page it claimed before.
   */
  @ActivityMethod(name = "ClaimStockSubscriptions")
  List<String> claimSubscriptions(
      String productId, String restockId, String afterCustomerId, int limit);
}
