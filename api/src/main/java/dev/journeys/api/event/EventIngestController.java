package dev.journeys.api.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.input.InputLimitsProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/events}: one event object or an array of them, all or nothing. An {@code eventId}
 * is the sending key's: repeated with the same payload it is answered {@code duplicate}, with
 * another payload 409. An invalid body is rejected whole (400, problem details) before anything is
 * stored.
 *
 * <ul>
 *   <li>One event is delivered within the request ({@link EventIngest}) and answered 202 with what
 *       became of it at its journeys; 503 if Temporal is unavailable (the sender retries with the
 *       same id). With {@code Prefer: respond-async} it is taken as a batch of one.
 *   <li>A batch is recorded in one transaction and answered 202 at once with its id and a {@code
 *       Location}, {@code /v1/events/batches/{id}}, that reports how far its events have come
 *       ({@link EventBatches}); a relay in the API delivers them ({@link EventRelay}). With {@code
 *       Prefer: wait=N} the answer waits up to N seconds (at most {@code journeys.events.max-wait},
 *       30 s) for the batch to be delivered and is then 200 with every event's outcome, or 202 if
 *       it is still pending.
 * </ul>
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
  private final EventBatches batches;
  private final EventParser parser;
  private final Duration maxWait;

  public EventIngestController(
      EventIngest ingest,
      EventBatches batches,
      ObjectMapper json,
      InputLimitsProperties limits,
      Clock clock,
      @Value("${journeys.events.max-wait:30s}") Duration maxWait) {
    this.ingest = ingest;
    this.batches = batches;
    this.maxWait = maxWait;
    this.parser =
        new EventParser(json, clock, limits.occurredAtMaxAge(), limits.occurredAtMaxAhead());
  }

  @Operation(
      summary = "Send one event or a batch of events",
      description =
          "One event (an object) is delivered to its journeys within the request: 202 with"
              + " `results[0]` saying what became of it (`accepted` with its journeys' actions,"
              + " or `duplicate`); 503 with `Retry-After` if the journey engine is unavailable"
              + " (send it again with the same `eventId`). A batch (an array of 1 to 500) is"
              + " recorded as a whole and answered 202 at once, before delivery, with the"
              + " batch's status and a `Location` to follow it (GET /v1/events/batches/{id});"
              + " the API delivers its events after, each customer's in order, retrying while"
              + " the journey engine is unavailable. `Prefer: wait=N` waits up to N seconds"
              + " (at most 30) for the batch's delivery: 200 with every outcome if it is done"
              + " by then, else 202. `Prefer: respond-async` takes one event as a batch of one.")
  @ApiResponse(
      responseCode = "202",
      description =
          "One event: delivered, `IngestResponse`. A batch: recorded, `Status` of the batch;"
              + " `Location` names it",
      content =
          // anyOf: the two shapes share `results`, so a body can fit both
          @Content(schema = @Schema(anyOf = {IngestResponse.class, EventBatches.Status.class})),
      headers = {
        @Header(name = "Location", description = "The batch's status (batches only)"),
        @Header(name = "Retry-After", description = "Seconds until the status is worth reading")
      })
  @ApiResponse(
      responseCode = "200",
      description = "A batch sent with `Prefer: wait=N`, delivered within the wait",
      content = @Content(schema = @Schema(implementation = EventBatches.Status.class)))
  @PostMapping(path = "/v1/events", consumes = "application/json")
  public ResponseEntity<?> post(
      @RequestBody JsonNode body,
      // the sending key's id (ApiPrincipal#keyId), by name: security depends on this package
      @AuthenticationPrincipal(expression = "keyId") String keyId,
      @Parameter(
              description =
                  "`respond-async`: one event through the outbox too; `wait=N`: wait up to N"
                      + " seconds for a batch's delivery",
              example = "wait=10")
          @RequestHeader(value = "Prefer", required = false)
          String prefer)
      throws InterruptedException {
    var events = parser.parse(body);
    var preferences = Preferences.parse(prefer);
    if (!body.isArray() && !preferences.respondAsync()) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(new IngestResponse(ingest.ingest(keyId, events)));
    }
    UUID id = batches.accept(keyId, events);
    Duration wait = preferences.waitFor().map(w -> min(w, maxWait)).orElse(Duration.ZERO);
    if (!wait.isZero()) {
      batches.awaitDone(id, wait);
    }
    var status =
        batches
            .status(keyId, id, -1, EventParser.MAX_BATCH)
            .orElseThrow(() -> new IllegalStateException("batch " + id + " just recorded"));
    boolean done = status.state().equals("done");
    var answer =
        ResponseEntity.status(done && !wait.isZero() ? HttpStatus.OK : HttpStatus.ACCEPTED)
            .location(URI.create("/v1/events/batches/" + id));
    if (!done) {
      answer.header(HttpHeaders.RETRY_AFTER, "1");
    }
    if (preferences.respondAsync()) {
      answer.header("Preference-Applied", "respond-async");
    }
    return answer.body(status);
  }

  @Operation(
      summary = "How far a batch of events has come",
      description =
          "Counts (accepted = delivered + pending + failed + removed; duplicates were delivered"
              + " before), the failures with their reasons, and a page of per-event outcomes"
              + " (`pending`, `delivered` with its journeys' actions, `failed` with the reason,"
              + " `duplicate`, `removed`): `limit` (1 to 500, default 100) events after position"
              + " `after`; `next` holds the next page's query. Only the key that sent the batch"
              + " sees it.")
  @ApiResponse(responseCode = "200", description = "The batch")
  @ApiResponse(responseCode = "404", description = "No such batch of this key's")
  @GetMapping("/v1/events/batches/{id}")
  public ResponseEntity<EventBatches.Status> batch(
      @PathVariable String id,
      @RequestParam(defaultValue = "-1") int after,
      @RequestParam(defaultValue = "100") int limit,
      @AuthenticationPrincipal(expression = "keyId") String keyId) {
    if (limit < 1 || limit > EventParser.MAX_BATCH || after < -1) {
      throw new InvalidRequestException(
          "limit is 1 to " + EventParser.MAX_BATCH + ", after a position (-1: from the start)",
          List.of(
              new InvalidRequestException.FieldError(
                  limit < 1 || limit > EventParser.MAX_BATCH ? "limit" : "after", "out of range")));
    }
    UUID batchId;
    try {
      batchId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("no batch " + id);
    }
    var status =
        batches
            .status(keyId, batchId, after, limit)
            .orElseThrow(() -> new NotFoundException("no batch " + id));
    var answer = ResponseEntity.ok();
    if (status.state().equals("pending")) {
      answer.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return answer.body(status);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The preferences of RFC 7240 this endpoint honours; others are ignored, as the RFC allows. */
  record Preferences(boolean respondAsync, Optional<Duration> waitFor) {
    static Preferences parse(String header) {
      boolean async = false;
      Optional<Duration> wait = Optional.empty();
      if (header != null) {
        for (String preference : header.split(",")) {
          String token = preference.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
          if (token.equals("respond-async")) {
            async = true;
          } else if (token.startsWith("wait=")) {
            try {
              long seconds = Long.parseLong(token.substring(5).trim().replace("\"", ""));
              if (seconds > 0) {
                wait = Optional.of(Duration.ofSeconds(seconds));
              }
            } catch (NumberFormatException ignored) {
              // a malformed preference is ignored, as RFC 7240 asks
            }
          }
        }
      }
      return new Preferences(async, wait);
    }
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
