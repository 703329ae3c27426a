package dev.journeys.backinstock;

import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Back-in-stock subscriptions in PostgreSQL. Paged by customer id (keyset), so a restock with 100k
 * subscribers is read a page at a time through an index, never all at once.
 */
@Repository
public class BackInStockSubscriptions {

  private final JdbcClient jdbc;
  private final Clock clock;

  public BackInStockSubscriptions(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Subscribes the customer to the product; true if new. Subscribing again after a notification
   * re-opens the subscription (they want to hear about the next restock too).
   */
  @Transactional
  public boolean subscribe(String productId, String customerId) {
    int inserted =
        jdbc.sql(
                """
                insert into stock_subscription (product_id, customer_id, subscribed_at)
                values (:product, :customer, :at)
                on conflict (product_id, customer_id) do update
                  set notified_at = null, notified_by = null,
                    subscribed_at = excluded.subscribed_at
                  where stock_subscription.notified_at is not null""")
            .param("product", productId)
            .param("customer", customerId)
            .param("at", java.sql.Timestamp.from(clock.instant()))
            .update();
    return inserted > 0;
  }

  public List<String> open(String productId, String afterCustomerId, int limit) {
    return jdbc.sql(
            """
            select customer_id from stock_subscription
            where product_id = :product and notified_at is null
              and (cast(:after as text) is null or customer_id > cast(:after as text))
            order by customer_id
            limit :limit""")
        .param("product", productId)
        .param("after", afterCustomerId)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  public void markNotified(String productId, List<String> customerIds) {
    if (customerIds.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            update stock_subscription set notified_at = :at
            where product_id = :product and customer_id in (:customers) and notified_at is null""")
        .param("at", java.sql.Timestamp.from(clock.instant()))
        .param("product", productId)
        .param("customers", customerIds)
        .update();
  }

  /**
   * Claims up to {@code limit} open subscriptions to the product for a restock, in customer id
   * order after {@code afterCustomerId}, and returns their customers. One statement locks the page
   * ({@code FOR UPDATE}, in customer id order, so two claims cannot deadlock), marks it notified by
   * this restock and returns it: a concurrent claim of another restock waits for the lock, then
   * sees the rows taken and moves on to the next open ones. Rows this restock already claimed count
   * as open for it, so a retried claim (its result lost in a crash) returns the same page instead
   * of an empty one that would leave those subscribers untold.
   */
  public List<String> claim(String productId, String restockId, String afterCustomerId, int limit) {
    return jdbc.sql(
            """
            with page as (
              select customer_id from stock_subscription
              where product_id = :product
                and (notified_at is null or notified_by = :restock)
                and (cast(:after as text) is null or customer_id > cast(:after as text))
              order by customer_id
              limit :limit
              for update),
            claimed as (
              update stock_subscription s
              set notified_at = coalesce(s.notified_at, :at), notified_by = :restock
              from page
              where s.product_id = :product and s.customer_id = page.customer_id
              returning s.customer_id)
            select customer_id from claimed order by customer_id""")
        .param("product", productId)
        .param("restock", restockId)
        .param("after", afterCustomerId)
        .param("limit", limit)
        .param("at", java.sql.Timestamp.from(clock.instant()))
        .query(String.class)
        .list();
  }
}
