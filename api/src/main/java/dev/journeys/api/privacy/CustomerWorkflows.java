package dev.journeys.api.privacy;

import dev.journeys.journey.JourneySearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A customer's workflow executions in Temporal, found by the {@code CustomerId} search attribute
 * every journey keeps ({@link JourneySearchAttributes}), so per-order and fan-out enrollments are
 * found as well as the per-customer ones.
 *
 * <p>A server without a visibility store that answers queries (Temporal's in-memory test server) is
 * asked for its open executions instead, filtered here by the same search attribute.
 */
@Component
public class CustomerWorkflows {

  private static final Logger log = LoggerFactory.getLogger(CustomerWorkflows.class);
  private static final int PAGE = 1000;

  private final WorkflowClient client;

  public CustomerWorkflows(WorkflowClient client) {
    this.client = client;
  }

  /** The running executions that carry the customer's id. */
  public List<WorkflowExecution> running(String customerId) {
    try {
      return client
          .listExecutions(query(customerId) + " AND ExecutionStatus = 'Running'")
          .map(WorkflowExecutionMetadata::getExecution)
          .toList();
    } catch (RuntimeException e) {
      if (!unsupportedQuery(e)) {
        throw e;
      }
      return openExecutionsScanned(customerId);
    }
  }

  /** Ends the execution at once; it runs no more code, so it can write nothing after erasure. */
  public void terminate(WorkflowExecution execution, String reason) {
    client
        .newUntypedWorkflowStub(execution.getWorkflowId(), java.util.Optional.empty(), null)
        .terminate(reason);
  }

  /**
   * Deletes every execution of the customer (its history holds event properties and profile fields)
   * where the server supports it; returns how many were deleted. Best effort: what remains goes
   * with the namespace's retention period.
   */
  public int deleteHistories(String customerId) {
    List<WorkflowExecution> executions;
    try {
      executions =
          client
              .listExecutions(query(customerId))
              .map(WorkflowExecutionMetadata::getExecution)
              .toList();
    } catch (RuntimeException e) {
      if (unsupportedQuery(e)) {
        log.warn(
            "the Temporal server cannot list closed executions by customer; histories remain"
                + " until the namespace's retention removes them");
        return 0;
      }
      throw e;
    }
    int deleted = 0;
    for (var execution : executions) {
      try {
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .deleteWorkflowExecution(
                DeleteWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setWorkflowExecution(execution)
                    .build());
        deleted++;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          log.warn("could not delete execution {}: {}", execution.getWorkflowId(), e.getStatus());
        }
      }
    }
    return deleted;
  }

  private static String query(String customerId) {
    // customer ids are letters, digits and . _ : @ - (Ids): nothing that could end the literal
    return JourneySearchAttributes.CUSTOMER_ID.getName() + " = '" + customerId + "'";
  }

  private static boolean unsupportedQuery(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && (s.getStatus().getCode() == Status.Code.UNIMPLEMENTED)) {
        return true;
      }
    }
    return false;
  }

  private List<WorkflowExecution> openExecutionsScanned(String customerId) {
    List<WorkflowExecution> found = new ArrayList<>();
    var request =
        ListOpenWorkflowExecutionsRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setMaximumPageSize(PAGE);
    while (true) {
      var page =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listOpenWorkflowExecutions(request.build());
      for (WorkflowExecutionInfo listed : page.getExecutionsList()) {
        // such servers may list executions without their search attributes: describe those
        WorkflowExecutionInfo info =
            listed.hasSearchAttributes() ? listed : describe(listed.getExecution());
        if (customerId.equals(customerIdOf(info))) {
          found.add(info.getExecution());
        }
      }
      if (page.getNextPageToken().isEmpty()) {
        return found;
      }
      request.setNextPageToken(page.getNextPageToken());
    }
  }

  private WorkflowExecutionInfo describe(WorkflowExecution execution) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(execution)
                .build())
        .getWorkflowExecutionInfo();
  }

  private static String customerIdOf(WorkflowExecutionInfo info) {
    Payload value =
        info.getSearchAttributes()
            .getIndexedFieldsMap()
            .get(JourneySearchAttributes.CUSTOMER_ID.getName());
    if (value == null) {
      return null;
    }
    // search attributes are never run through a payload codec: the server indexes them
    return Objects.toString(
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(value, String.class, String.class),
        null);
  }
}
