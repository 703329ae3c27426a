package dev.journeys.restock;

import java.util.List;
import org.springframework.stereotype.Component;

/** The restock fan-out's view of the subscriptions. */
@Component
public class StockSubscriptionActivitiesImpl implements StockSubscriptionActivities {

  private final StockSubscriptions subscriptions;

  public StockSubscriptionActivitiesImpl(StockSubscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  @Override
  public List<String> openSubscriptions(String productId, String afterCustomerId, int limit) {
    return subscriptions.open(productId, afterCustomerId, limit);
  }

  @Override
  public void markNotified(String productId, List<String> customerIds) {
    subscriptions.markNotified(productId, customerIds);
  }
}
