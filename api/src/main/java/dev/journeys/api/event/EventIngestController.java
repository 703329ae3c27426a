package dev.journeys.api.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.input.InputLimitsProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/events}: one event object or an array of them. A repeated {@code eventId} is
 * accepted and ignored. An invalid body is rejected whole (400, problem details) before anything is
 * stored.
 */
@RestController
public class EventIngestController {

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
  public IngestResponse post(@RequestBody JsonNode body) {
    var events = parser.parse(body);
    return new IngestResponse(events.stream().map(ingest::ingest).toList());
  }
}
