package dev.journeys.api.backinstock;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.backinstock.BackInStockSubscriptions;
import dev.journeys.catalog.JourneyCatalog;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Back in stock: customers subscribe to a product; a restock tells every subscriber once. */
@RestController
public class BackInStockController {

  private static final java.util.regex.Pattern PRODUCT_ID =
      java.util.regex.Pattern.compile(BackInStockRequests.ID);

  private final BackInStockSubscriptions subscriptions;
  private final WorkflowClient temporal;

  public BackInStockController(BackInStockSubscriptions subscriptions, WorkflowClient temporal) {
    this.subscriptions = subscriptions;
    this.temporal = temporal;
  }

  @PostMapping(path = "/v1/products/{productId}/subscriptions", consumes = "application/json")
  public ResponseEntity<Map<String, String>> subscribe(
      @PathVariable String productId, @Valid @RequestBody BackInStockRequests.Subscribe request) {
    checkProduct(productId);
    boolean created = subscriptions.subscribe(productId, request.customerId());
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .body(
            Map.of(
                "productId",
                productId,
                "customerId",
                request.customerId(),
                "status",
                created ? "subscribed" : "already-subscribed"));
  }

  @PostMapping(path = "/v1/products/{productId}/restocks", consumes = "application/json")
  public ResponseEntity<Map<String, String>> restocked(
      @PathVariable String productId, @Valid @RequestBody BackInStockRequests.Restocked request) {
    checkProduct(productId);
    var restock = new FanOutStart(request.restockId(), productId, request.productName());
    String workflowId = restock.workflowId();
    var options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(JourneyCatalog.TASK_QUEUE)
            .setWorkflowId(workflowId)
            // a restock id is told once, even if the inventory system posts it again
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build();
    String status;
    try {
      temporal.newUntypedWorkflowStub(FanOutStart.WORKFLOW_TYPE, options).start(restock);
      status = "started";
    } catch (WorkflowExecutionAlreadyStarted repeat) {
      status = "duplicate";
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("productId", productId, "workflowId", workflowId, "status", status));
  }

  private static void checkProduct(String productId) {
    if (!PRODUCT_ID.matcher(productId).matches()) {
      throw new InvalidRequestException(
          "invalid product id",
          List.of(
              new InvalidRequestException.FieldError("productId", BackInStockRequests.ID_MESSAGE)));
    }
  }
}
