package dev.journeys.event;

/** The customer event types Journeys understands. Anything else is rejected at the API. */
public final class EventTypes {
  public static final String CART_ABANDONED = "cart_abandoned";
  public static final String ORDER_PLACED = "order_placed";
  public static final String CUSTOMER_SIGNED_UP = "customer_signed_up";
  public static final String ORDER_SHIPPED = "order_shipped";
  public static final String ORDER_DELIVERED = "order_delivered";
  public static final String DELIVERY_DELAYED = "delivery_delayed";
  public static final String TICKET_OPENED = "ticket_opened";
  public static final String TICKET_RESOLVED = "ticket_resolved";
  public static final String UNSUBSCRIBED = "unsubscribed";
  public static final String BACK_IN_STOCK = "back_in_stock";

  /**
   * A provider reported a journey's message delivered (or read); signalled by the API's delivery
   * webhooks, never accepted from outside. Properties: {@code idempotencyKey}, {@code channel},
   * {@code providerMessageId}, {@code status}.
   */
  public static final String MESSAGE_DELIVERED = "message_delivered";

  /** A provider reported a journey's message failed or bounced; as {@link #MESSAGE_DELIVERED}. */
  public static final String MESSAGE_FAILED = "message_failed";

  private EventTypes() {}
}
