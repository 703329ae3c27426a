package dev.journeys.api.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.input.InputLimitsProperties;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/events}: one event object or an array of them, all or nothing ({@link
 * EventIngest}). An {@code eventId} is the sending key's: repeated with the same payload it is
 * answered {@code duplicate}, with another payload 409. An invalid body is rejected whole (400,
 * problem details) before anything is stored.
 */
@RestController
public class EventIngestController {

  private static final URI CONFLICT = URI.create("https://journeys.dev/problems/event-id-conflict");
  private static final URI UNDELIVERED =
      URI.create("https://journeys.dev/problems/events-not-delivered");
  private static final URI REFUSED =
      URI.create("https://journeys.dev/problems/refused-by-journey-engine");

  /** The answer: one result per event, in request order. */
  public record IngestResponse(List<EventIngest.Result> results) {}

  private final EventIngest ingest;
  private final EventParser parser;

  public EventIngestController(
      EventIngest ingest, ObjectMapper json, InputLimitsProperties limits, Clock clock) {
    this.ingest = ingest;
    this.parser =
        new EventParser(json, clock, limits.occurredAtMaxAge(), limits.occurredAtMaxAhead());
  }

  @PostMapping(path = "/v1/events", consumes = "application/json")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public IngestResponse post(
      @RequestBody JsonNode body,
      // the sending key's id (ApiPrincipal#keyId), by name: security depends on this package
      @AuthenticationPrincipal(expression = "keyId") String keyId) {
    var events = parser.parse(body);
    return new IngestResponse(ingest.ingest(keyId, events));
  }

  @ExceptionHandler(EventProblems.Conflict.class)
  ProblemDetail conflict(EventProblems.Conflict e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setType(CONFLICT);
    problem.setTitle("Event id already used");
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(EventProblems.Undelivered.class)
  ResponseEntity<ProblemDetail> undelivered(EventProblems.Undelivered e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setType(UNDELIVERED);
    problem.setTitle("Journey engine unavailable");
    if (!e.inFlight().isEmpty()) {
      problem.setProperty("inFlight", e.inFlight());
    }
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem);
  }

  @ExceptionHandler(EventProblems.Refused.class)
  ProblemDetail refused(EventProblems.Refused e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    problem.setType(REFUSED);
    problem.setTitle("Refused by the journey engine");
    problem.setProperty("errors", e.errors());
    return problem;
  }
}
