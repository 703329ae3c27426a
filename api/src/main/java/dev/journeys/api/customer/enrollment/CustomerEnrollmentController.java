package dev.journeys.api.customer.enrollment;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.customer.CustomerIds;
import dev.journeys.api.page.Page;
import dev.journeys.api.page.PageCursor;
import dev.journeys.journey.JourneySearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's enrollments for support and operators (scope {@code operator}): the list, running
 * and finished, from the enrollment log with the running ones' state from Temporal, and cancelling
 * one (the journey runs its exit path and records itself as {@code CANCELLED}).
 */
@RestController
public class CustomerEnrollmentController {

  /**
   * One enrollment. {@code state} is {@code RUNNING} or {@code ENDED}; {@code temporalStatus} and
   * {@code step} are what Temporal reports for one the log still has running.
   */
  public record Enrollment(
      String enrollmentId,
      String journey,
      int version,
      String state,
      Instant enteredAt,
      Instant endedAt,
      String outcome,
      String cause,
      String endedAtStep,
      String temporalStatus,
      String step) {}

  /** The body of the cancel request: the enrollment (workflow) id, as the list shows it. */
  public record CancelRequest(String enrollmentId) {}

  public record Cancelled(String enrollmentId, String status) {}

  /** The list's name in its cursors. */
  private static final String ENROLLMENTS = "enrollments";

  private final JdbcClient jdbc;
  private final WorkflowClient client;

  public CustomerEnrollmentController(JdbcClient jdbc, WorkflowClient client) {
    this.jdbc = jdbc;
    this.client = client;
  }

  /**
   * {@code GET /v1/customers/{id}/enrollments?state=running|ended}: newest entry first, in pages of
   * {@code limit} (a page that more enrollments follow links the next).
   */
  @GetMapping("/v1/customers/{id}/enrollments")
  public ResponseEntity<List<Enrollment>> list(
      @PathVariable String id,
      @RequestParam(required = false) String state,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String cursor) {
    CustomerIds.check(id);
    Page.checkLimit(limit, 200);
    PageCursor after = PageCursor.decode(ENROLLMENTS, cursor);
    String stateFilter = stateFilter(state);
    var rows =
        jdbc.sql(
                "select * from journey_enrollment where customer_id = :customer"
                    + stateFilter
                    + (after == null
                        ? ""
                        : " and (entered_at < :at or (entered_at = :at and enrollment_id > :key))")
                    + " order by entered_at desc, enrollment_id limit :limit")
            .param("customer", id)
            .param("limit", Page.fetchSize(limit));
    if (after != null) {
      rows = rows.param("at", Timestamp.from(after.at())).param("key", after.key());
    }
    List<Enrollment> page = new ArrayList<>();
    for (var row :
        rows.query(
                (rs, n) ->
                    new Enrollment(
                        rs.getString("enrollment_id"),
                        rs.getString("journey"),
                        rs.getInt("version"),
                        rs.getTimestamp("ended_at") == null ? "RUNNING" : "ENDED",
                        rs.getTimestamp("entered_at").toInstant(),
                        rs.getTimestamp("ended_at") == null
                            ? null
                            : rs.getTimestamp("ended_at").toInstant(),
                        rs.getString("outcome"),
                        rs.getString("cause"),
                        rs.getString("ended_at_step"),
                        null,
                        null))
            .list()) {
      page.add(row.state().equals("RUNNING") ? withTemporalState(row) : row);
    }
    return Page.of(
            page,
            limit,
            (Enrollment last) ->
                new PageCursor(last.enteredAt(), last.enrollmentId()).encode(ENROLLMENTS))
        .response();
  }

  /**
   * {@code POST /v1/customers/{id}/enrollments/cancel} with {@code {"enrollmentId": ...}}: asks the
   * running enrollment to cancel (202). 404 if it is not this customer's, 409 if it is not running.
   */
  @PostMapping(path = "/v1/customers/{id}/enrollments/cancel", consumes = "application/json")
  public ResponseEntity<?> cancel(@PathVariable String id, @RequestBody CancelRequest request) {
    CustomerIds.check(id);
    if (request == null || request.enrollmentId() == null || request.enrollmentId().isBlank()) {
      throw new InvalidRequestException(
          "no enrollment given",
          List.of(new InvalidRequestException.FieldError("enrollmentId", "must be given")));
    }
    String enrollmentId = request.enrollmentId();
    var info =
        current(enrollmentId)
            .filter(i -> id.equals(customerIdOf(i)))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "customer '" + id + "' has no enrollment '" + enrollmentId + "'"));
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONFLICT,
              "enrollment '" + enrollmentId + "' is not running (" + status(info) + ")");
      problem.setTitle("Not running");
      return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
    client
        .newUntypedWorkflowStub(
            info.getExecution().getWorkflowId(),
            Optional.of(info.getExecution().getRunId()),
            Optional.empty())
        .cancel();
    return ResponseEntity.accepted().body(new Cancelled(enrollmentId, "CANCEL_REQUESTED"));
  }

  private static String stateFilter(String state) {
    if (state == null) {
      return "";
    }
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "running" -> " and ended_at is null";
      case "ended" -> " and ended_at is not null";
      default ->
          throw new InvalidRequestException(
              "invalid state",
              List.of(new InvalidRequestException.FieldError("state", "must be running or ended")));
    };
  }

  private Enrollment withTemporalState(Enrollment e) {
    var info = current(e.enrollmentId());
    return new Enrollment(
        e.enrollmentId(),
        e.journey(),
        e.version(),
        e.state(),
        e.enteredAt(),
        e.endedAt(),
        e.outcome(),
        e.cause(),
        e.endedAtStep(),
        info.map(CustomerEnrollmentController::status).orElse("NOT_FOUND"),
        info.map(i -> keyword(i, JourneySearchAttributes.JOURNEY_STEP.getName())).orElse(null));
  }

  /**
   * The enrollment's execution as Temporal has it now: an enrollment id is the workflow id and the
   * run id it started with ({@code journey/welcome-series/ada/<run id>}); its latest run (after
   * continue-as-new) carries that first run id. Empty if Temporal has no such enrollment, or the
   * workflow id has since started another enrollment.
   */
  private Optional<WorkflowExecutionInfo> current(String enrollmentId) {
    int slash = enrollmentId.lastIndexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String firstRunId = enrollmentId.substring(slash + 1);
    return describe(enrollmentId.substring(0, slash))
        .filter(i -> firstRunId.equals(i.getFirstRunId()));
  }

  private Optional<WorkflowExecutionInfo> describe(String workflowId) {
    try {
      return Optional.of(
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND
          || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String status(WorkflowExecutionInfo info) {
    return info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  private static String customerIdOf(WorkflowExecutionInfo info) {
    return keyword(info, JourneySearchAttributes.CUSTOMER_ID.getName());
  }

  private static String keyword(WorkflowExecutionInfo info, String name) {
    Payload value = info.getSearchAttributes().getIndexedFieldsMap().get(name);
    // search attributes are indexed by the server, never run through a payload codec
    return value == null
        ? null
        : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(value, String.class, String.class);
  }
}
