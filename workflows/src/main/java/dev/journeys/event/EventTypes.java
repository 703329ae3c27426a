package dev.journeys.event;

/** The customer event types Journeys understands. Anything else is rejected at the API. */
public final class EventTypes {
  public static final String CART_ABANDONED = "cart_abandoned";
  public static final String ORDER_PLACED = "order_placed";

  private EventTypes() {}
}
