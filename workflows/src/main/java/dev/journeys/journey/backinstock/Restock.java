package dev.journeys.journey.backinstock;

import java.util.Objects;

/**
 * A product came back in stock: the input of {@link BackInStockFanOut}, and its state when it
 * continues as new after each page of subscribers.
 *
 * @param restockId unique per restock (e.g. the inventory event's id): part of every notification's
 *     workflow id, so a page retried after a crash starts no second notification
 * @param afterCustomerId keyset cursor: the last subscriber already handled, null at the start
 * @param notified subscribers notified so far, across pages
 */
public record Restock(
    String restockId, String productId, String productName, String afterCustomerId, long notified) {

  public Restock {
    Objects.requireNonNull(restockId, "restockId");
    Objects.requireNonNull(productId, "productId");
  }

  public Restock(String restockId, String productId, String productName) {
    this(restockId, productId, productName, null, 0);
  }

  Restock nextPage(String lastCustomerId, int pageSize) {
    return new Restock(restockId, productId, productName, lastCustomerId, notified + pageSize);
  }
}
