package dev.journeys.event.payload;

import java.math.BigDecimal;

/**
 * {@code order_placed}.
 *
 * @param orderId the order; post-purchase enrols once per order (without one, once per customer)
 * @param orderTotal the order's value
 * @param consumable true for goods that run out: post-purchase then reminds to reorder
 * @param replenishAfterDays days after delivery for that reminder
 */
public record OrderPlaced(
    @Id String orderId,
    BigDecimal orderTotal,
    Boolean consumable,
    @Bounds(min = 1, max = 3650) Integer replenishAfterDays)
    implements EventPayload, AboutOrder {

  /** True when the order asks for a replenishment reminder, and when. */
  public boolean remindsToReplenish() {
    return Boolean.TRUE.equals(consumable) && replenishAfterDays != null;
  }
}
