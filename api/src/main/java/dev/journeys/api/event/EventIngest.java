package dev.journeys.api.event;

import dev.journeys.event.CustomerEvent;
import dev.journeys.eventlog.InboundEventLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an event once and routes it. Both happen in one database transaction: if Temporal cannot
 * be reached the event is not recorded, so the sender's retry (same eventId) is processed in full
 * rather than ignored as a repeat.
 */
@Service
public class EventIngest {

  /** The answer for one event. */
  public record Result(String eventId, String status, List<JourneyRouter.Routing> journeys) {}

  private final InboundEventLog log;
  private final JourneyRouter router;
  private final MeterRegistry metrics;

  public EventIngest(InboundEventLog log, JourneyRouter router, MeterRegistry metrics) {
    this.log = log;
    this.router = router;
    this.metrics = metrics;
  }

  @Transactional
  public Result ingest(CustomerEvent event) {
    if (!log.recordIfNew(event)) {
      return counted(event, new Result(event.eventId(), "duplicate", List.of()));
    }
    return counted(event, new Result(event.eventId(), "accepted", router.route(event)));
  }

  /** The ingest rate by event type and status: {@code journeys_events_ingested_total}. */
  private Result counted(CustomerEvent event, Result result) {
    metrics
        .counter("journeys.events.ingested", "type", event.type(), "status", result.status())
        .increment();
    return result;
  }
}
