package dev.journeys.api.event;

import dev.journeys.event.CustomerEvent;
import dev.journeys.eventlog.InboundEventLog;
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

  public EventIngest(InboundEventLog log, JourneyRouter router) {
    this.log = log;
    this.router = router;
  }

  @Transactional
  public Result ingest(CustomerEvent event) {
    if (!log.recordIfNew(event)) {
      return new Result(event.eventId(), "duplicate", List.of());
    }
    return new Result(event.eventId(), "accepted", router.route(event));
  }
}
