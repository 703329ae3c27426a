package dev.journeys.api.backinstock;

/**
 * How the API starts the restock fan-out workflow without depending on the journey's classes: its
 * workflow type, its workflow id and its input, in the shape the workflow reads (the fan-out's
 * {@code Restock} record, whose other fields start empty). {@code BackInStockApiTest} checks that
 * the fan-out reads this input and derives the same workflow id.
 *
 * @param restockId unique per restock: part of the workflow id, so a repeat starts nothing
 */
record FanOutStart(String restockId, String productId, String productName) {

  static final String WORKFLOW_TYPE = "BackInStockFanOut";

  String workflowId() {
    return "restock/" + productId + "/" + restockId;
  }
}
