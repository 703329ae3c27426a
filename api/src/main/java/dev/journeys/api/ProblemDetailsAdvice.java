package dev.journeys.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error as RFC 9457 problem details. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
  private static final URI INVALID = URI.create("https://journeys.dev/problems/invalid-request");

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(INVALID);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return problem;
  }

  @ExceptionHandler(OptimisticLockingFailureException.class)
  ProblemDetail conflict(OptimisticLockingFailureException e) {
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT, "the resource was changed concurrently; retry the request");
    problem.setTitle("Conflict");
    return problem;
  }

  /**
   * Temporal is unreachable or out of time: the sender should retry. What was recorded meanwhile
   * depends on the request, so the text claims nothing about it (opt-outs say: OptOutProblems).
   */
  @ExceptionHandler(WorkflowServiceException.class)
  ResponseEntity<ProblemDetail> temporalUnavailable(WorkflowServiceException e) {
    log.error("Temporal call failed", e);
    return unavailable();
  }

  /**
   * A Temporal call the SDK passes on unwrapped (describe, signal): unreachable or out of time is
   * 503 like {@link #temporalUnavailable}; any other status is a fault of ours, 500.
   */
  @ExceptionHandler(StatusRuntimeException.class)
  ResponseEntity<ProblemDetail> temporalCallFailed(StatusRuntimeException e) {
    log.error("Temporal call failed", e);
    if (TEMPORAL_UNAVAILABLE.contains(e.getStatus().getCode())) {
      return unavailable();
    }
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "the journey engine refused the request");
    problem.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(problem);
  }

  private static final Set<Status.Code> TEMPORAL_UNAVAILABLE =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.CANCELLED);

  private static ResponseEntity<ProblemDetail> unavailable() {
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the journey engine is unavailable; retry the request later");
    problem.setTitle("Journey engine unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "the request body is not valid JSON of the expected shape: " + rootMessage(e));
    problem.setType(INVALID);
    problem.setTitle("Malformed request body");
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<InvalidRequestException.FieldError> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> new InvalidRequestException.FieldError(f.getField(), f.getDefaultMessage()))
            .toList();
    return ResponseEntity.badRequest()
        .body(invalid(new InvalidRequestException("the request has invalid fields", errors)));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
