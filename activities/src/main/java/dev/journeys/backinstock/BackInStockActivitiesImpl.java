package dev.journeys.backinstock;

import java.util.List;
import org.springframework.stereotype.Component;

/** The restock fan-out's view of the subscriptions. */
@Component
public class BackInStockActivitiesImpl implements BackInStockActivities {

  private final BackInStockSubscriptions subscriptions;

  public BackInStockActivitiesImpl(BackInStockSubscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  @Override
  public List<String> openSubscriptions(String productId, String afterCustomerId, int limit) {
    return subscriptions.open(productId, afterCustomerId, limit);
  }

  @Override
  public List<String> claimSubscriptions(
      String productId, String restockId, String afterCustomerId, int limit) {
    return subscriptions.claim(productId, restockId, afterCustomerId, limit);
  }

  @Override
  public void markNotified(String productId, List<String> customerIds) {
    subscriptions.markNotified(productId, customerIds);
  }
}
