package dev.journeys.api.event;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.InvalidRequestException.FieldError;
import dev.journeys.event.CustomerEvent;
import dev.journeys.eventlog.InboundEventLog;
import dev.journeys.eventlog.InboundEventLog.Recorded;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Takes a request's events: all or nothing, recorded first, delivered after.
 *
 * <ol>
 *   <li>Checked whole: an event larger than a journey can carry is a 400, an {@code eventId} the
 *       same key used before for a different payload a 409; then nothing is recorded.
 *   <li>Recorded in one database transaction, every event of the request or none, each claimed for
 *       delivery by this request.
 *   <li>Delivered to the journeys ({@link JourneyRouter}) with no database connection held across
 *       the Temporal calls: a customer's events in request order, different customers' concurrently
 *       ({@link EventDelivery}); each event marked delivered once every journey has it.
 * </ol>
 *
 * <p>If Temporal is unavailable part way, the request fails (503) and the events not delivered stay
 * recorded; the sender's retry with the same ids delivers exactly those, and answers the delivered
 * ones {@code duplicate}. An event Temporal refuses for good is removed again (422).
 */
@Service
public class EventIngest {

  private static final Logger log = LoggerFactory.getLogger(EventIngest.class);

  /** The answer for one event. */
  // named for the document: springdoc names schemas by simple class name, and the webhooks' Result
  // would otherwise stand for this one
  @io.swagger.v3.oas.annotations.media.Schema(name = "EventResult")
  public record Result(String eventId, String status, List<JourneyRouter.Routing> journeys) {}

  private final InboundEventLog eventLog;
  private final EventDelivery delivery;
  private final TransactionTemplate transaction;
  private final WorkflowClient client;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final Duration claim;
  private final long maxEventBytes;

  public EventIngest(
      InboundEventLog eventLog,
      EventDelivery delivery,
      PlatformTransactionManager transactions,
      WorkflowClient client,
      MeterRegistry metrics,
      Clock clock,
      @Value("${journeys.api.temporal-request-budget:8s}") Duration budget,
      @Value("${journeys.events.max-event-size:512KB}") DataSize maxEventSize) {
    this.eventLog = eventLog;
    this.delivery = delivery;
    this.transaction = new TransactionTemplate(transactions);
    this.client = client;
    this.metrics = metrics;
    this.clock = clock;
    // a claim outlasts the request that holds it; a request that died leaves it to expire
    this.claim = budget.plusSeconds(10);
    this.maxEventBytes = maxEventSize.toBytes();
  }

  /**
   * One event the API makes itself (source {@link InboundEventLog#SYSTEM}), delivered on the
   * caller's thread and within its transaction if it has one. A Temporal failure is thrown as it
   * came.
   */
  public Result ingest(CustomerEvent event) {
    var batch = record(InboundEventLog.SYSTEM, List.of(event));
    var outcome = delivery.deliverHere(batch.toDeliver(), markDelivered(batch));
    release(batch, outcome);
    if (!outcome.failures().isEmpty()) {
      throw outcome.failures().getFirst().cause();
    }
    return answer(batch, outcome).getFirst();
  }

  /**
   * A request's events from the API key {@code keyId}, in request order; all delivered (now or
   * before) when it returns.
   *
   * @throws InvalidRequestException an event too large for a journey (nothing recorded)
   * @throws EventProblems.Conflict an id reused with another payload (nothing recorded)
   * @throws EventProblems.Undelivered Temporal unavailable, or events in flight elsewhere
   * @throws EventProblems.Refused Temporal refused events for good
   */
  public List<Result> ingest(String keyId, List<CustomerEvent> events) {
    checkSizes(events);
    var batch = record(keyId, events);
    var outcome = delivery.deliver(batch.toDeliver(), markDelivered(batch));
    List<EventDelivery.Failure> refused = new ArrayList<>();
    boolean unavailable = false;
    RuntimeException other = null;
    for (var failure : outcome.failures()) {
      switch (TemporalFailure.of(failure.cause())) {
        case UNAVAILABLE -> unavailable = true;
        case REFUSED -> refused.add(failure);
        case OTHER -> other = other == null ? failure.cause() : other;
      }
    }
    for (var failure : refused) {
      eventLog.forget(keyId, rawId(batch, failure.event()), batch.claimant());
    }
    release(batch, outcome);
    if (unavailable || !batch.inFlight().isEmpty()) {
      log.warn(
          "{} of {} events delivered; {} failed, {} not tried, {} in flight elsewhere",
          outcome.delivered().size(),
          batch.toDeliver().size(),
          outcome.failures().size(),
          outcome.skipped().size(),
          batch.inFlight().size());
      throw new EventProblems.Undelivered(
          outcome.delivered().size() + batch.duplicates(),
          events.size(),
          batch.inFlight().stream()
              .map(id -> batch.positions().get(qualifiedId(keyId, id)))
              .toList());
    }
    if (other != null) {
      throw other;
    }
    if (!refused.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      for (var failure : refused) {
        errors.add(
            new FieldError(
                field(batch, failure.event()), TemporalFailure.message(failure.cause())));
      }
      for (var skipped : outcome.skipped()) {
        errors.add(
            new FieldError(
                field(batch, skipped),
                "not delivered: an earlier event of the customer was refused; it is recorded and"
                    + " delivered when the request is sent again"));
      }
      throw new EventProblems.Refused(errors);
    }
    return answer(batch, outcome);
  }

  private Consumer<CustomerEvent> markDelivered(Batch batch) {
    return event ->
        eventLog.delivered(batch.source(), rawId(batch, event), batch.claimant(), clock.instant());
  }

  /** Frees the claims on events this request did not deliver, so a retry takes them at once. */
  private void release(Batch batch, EventDelivery.Outcome outcome) {
    List<String> undelivered =
        batch.toDeliver().stream()
            .filter(e -> !outcome.delivered().containsKey(e.eventId()))
            .map(e -> rawId(batch, e))
            .toList();
    eventLog.release(batch.source(), undelivered, batch.claimant());
  }

  /** The sender's id of an event as journeys get it. */
  private static String rawId(Batch batch, CustomerEvent delivered) {
    return batch.events().get(batch.positions().get(delivered.eventId())).eventId();
  }

  private static String field(Batch batch, CustomerEvent delivered) {
    String at = at(batch.positions().get(delivered.eventId()), batch.events().size());
    return at.isEmpty() ? "body" : at.substring(0, at.length() - 1);
  }

  /** A journey's history holds every event it gets: one too large would be refused by Temporal. */
  void checkSizes(List<CustomerEvent> events) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      long size =
          client
              .getOptions()
              .getDataConverter()
              .toPayload(events.get(i))
              .map(p -> (long) p.getSerializedSize())
              .orElse(0L);
      if (size > maxEventBytes) {
        errors.add(
            new FieldError(
                at(i, events.size()).isEmpty() ? "body" : at(i, events.size()),
                "is "
                    + size
                    + " bytes as a journey carries it, more than the "
                    + maxEventBytes
                    + " allowed (journeys.events.max-event-size)"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(
          errors.size() == 1
              ? "an event is too large: " + errors.getFirst().message()
              : errors.size() + " events are too large; nothing was accepted",
          errors);
    }
  }

  /** What recording a request's events found, in request order. */
  private record Batch(
      String source,
      UUID claimant,
      List<CustomerEvent> events,
      List<String> statuses,
      List<CustomerEvent> toDeliver,
      List<String> inFlight,
      int duplicates,
      Map<String, Integer> positions) {}

  private Batch record(String source, List<CustomerEvent> events) {
    UUID claimant = UUID.randomUUID();
    Instant now = clock.instant();
    return transaction.execute(
        tx -> {
          List<String> statuses = new ArrayList<>();
          List<CustomerEvent> toDeliver = new ArrayList<>();
          List<String> inFlight = new ArrayList<>();
          List<FieldError> conflicts = new ArrayList<>();
          Map<String, CustomerEvent> seen = new HashMap<>();
          Map<String, Integer> positions = new LinkedHashMap<>();
          int duplicates = 0;
          for (int i = 0; i < events.size(); i++) {
            CustomerEvent event = events.get(i);
            CustomerEvent earlier = seen.putIfAbsent(event.eventId(), event);
            if (earlier != null) {
              // the same id twice in one request: the second is a repeat of the first
              if (!earlier.equals(event)) {
                conflicts.add(
                    new FieldError(
                        at(i, events.size()) + "eventId",
                        "'"
                            + event.eventId()
                            + "' is used by an earlier event of this request with another"
                            + " payload"));
              }
              statuses.add("duplicate");
              duplicates++;
              continue;
            }
            positions.put(event.eventId(), i);
            Recorded recorded = eventLog.record(source, event, claimant, now, now.plus(claim));
            switch (recorded) {
              case NEW, UNDELIVERED -> {
                statuses.add("accepted");
                toDeliver.add(event);
              }
              case DELIVERED -> {
                statuses.add("duplicate");
                duplicates++;
              }
              case IN_FLIGHT -> {
                statuses.add("in-flight");
                inFlight.add(event.eventId());
              }
              case CONFLICT ->
                  conflicts.add(
                      new FieldError(
                          at(i, events.size()) + "eventId",
                          "'"
                              + event.eventId()
                              + "' was sent by this key before with another payload"));
            }
          }
          if (!conflicts.isEmpty()) {
            tx.setRollbackOnly();
            throw new EventProblems.Conflict(conflicts);
          }
          return new Batch(
              source,
              claimant,
              events,
              statuses,
              toDeliver.stream().map(e -> qualified(source, e)).toList(),
              inFlight,
              duplicates,
              qualifiedPositions(source, positions));
        });
  }

  /**
   * The event as journeys get it: its id qualified by the key that sent it, so events of two keys
   * with the same id are two events to a journey too (a journey drops a repeated id).
   */
  private static CustomerEvent qualified(String source, CustomerEvent event) {
    if (source.equals(InboundEventLog.SYSTEM)) {
      return event;
    }
    return new CustomerEvent(
        qualifiedId(source, event.eventId()),
        event.customerId(),
        event.type(),
        event.occurredAt(),
        event.properties());
  }

  private static String qualifiedId(String source, String eventId) {
    return source.equals(InboundEventLog.SYSTEM) ? eventId : source + "/" + eventId;
  }

  /** Positions by the id journeys get, so failures can be traced back to the request. */
  private static Map<String, Integer> qualifiedPositions(
      String source, Map<String, Integer> positions) {
    Map<String, Integer> out = new HashMap<>();
    positions.forEach((id, i) -> out.put(qualifiedId(source, id), i));
    return out;
  }

  private List<Result> answer(Batch batch, EventDelivery.Outcome outcome) {
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < batch.events().size(); i++) {
      CustomerEvent event = batch.events().get(i);
      String status = batch.statuses().get(i);
      List<JourneyRouter.Routing> journeys = List.of();
      if (status.equals("accepted")) {
        journeys =
            outcome
                .delivered()
                .getOrDefault(qualifiedId(batch.source(), event.eventId()), List.of());
      }
      metrics
          .counter("journeys.events.ingested", "type", event.type(), "status", status)
          .increment();
      results.add(new Result(event.eventId(), status, journeys));
    }
    log.debug(
        "{} events recorded, {} delivered", batch.events().size(), outcome.delivered().size());
    return results;
  }

  /** {@code [3].} in a batch, nothing for a single event. */
  private static String at(int index, int size) {
    return size == 1 ? "" : "[" + index + "].";
  }
}
