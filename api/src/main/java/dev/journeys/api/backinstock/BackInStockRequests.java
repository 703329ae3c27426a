package dev.journeys.api.backinstock;

import dev.journeys.api.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the back-in-stock endpoints. */
public final class BackInStockRequests {
  private BackInStockRequests() {}

  static final String ID = Ids.REGEX;
  static final String ID_MESSAGE = Ids.MESSAGE;

  /** {@code POST /v1/products/{productId}/subscriptions}: tell this customer when it is back. */
  public record Subscribe(
      @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String customerId) {}

  /**
   * {@code POST /v1/products/{productId}/restocks}: the product is back; tell every subscriber.
   *
   * @param restockId unique per restock (e.g. the inventory event id): a repeat is ignored
   */
  public record Restocked(
      @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String restockId,
      @Size(max = 200) String productName) {}
}
