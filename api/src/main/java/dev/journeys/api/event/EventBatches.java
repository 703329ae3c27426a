package dev.journeys.api.event;

import dev.journeys.api.InvalidRequestException.FieldError;
import dev.journeys.event.CustomerEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batches through the outbox: a batch is checked whole and recorded in one transaction (every event
 * or none: a too large event is a 400, an id reused for another payload a 409), then answered at
 * once; {@link EventRelay} delivers its events after. Its status ({@link Status}) says how far its
 * events have come: delivered (and what became of each at its journeys), pending, failed (with the
 * reason), or duplicate (delivered before, nothing to do).
 */
@Service
public class EventBatches {

  /** A batch's counts: {@code accepted = delivered + pending + failed + removed}. */
  public record Counts(
      int events,
      int accepted,
      int duplicate,
      int delivered,
      int pending,
      int failed,
      int removed) {}

  /** An event of the batch refused for good, and why. */
  public record Failure(int index, String eventId, String reason) {}

  /**
   * What became of one event: {@code pending}, {@code delivered} (with its journeys' routings:
   * started, signalled, ...), {@code failed} (with the reason), {@code duplicate} (delivered before
   * this batch, or earlier in it) or {@code removed} (deleted since, by retention or erasure).
   */
  public record EventOutcome(
      int index,
      String eventId,
      String status,
      List<JourneyRouter.Routing> journeys,
      String reason) {}

  /**
   * A batch and a page of its events' outcomes ({@code next}: the query of the next page, absent on
   * the last). {@code state} is {@code pending} while events wait for delivery, else {@code done}.
   */
  public record Status(
      UUID batchId,
      Instant receivedAt,
      String state,
      Counts counts,
      List<Failure> failures,
      List<EventOutcome> results,
      String next) {}

  /** Failures listed in full in a status; beyond that, page through the results. */
  private static final int FAILURES_SHOWN = 100;

  private final EventIngest ingest;
  private final EventOutbox outbox;
  private final EventRelay relay;
  private final TransactionTemplate transaction;
  private final MeterRegistry metrics;
  private final Clock clock;

  public EventBatches(
      EventIngest ingest,
      EventOutbox outbox,
      EventRelay relay,
      PlatformTransactionManager transactions,
      MeterRegistry metrics,
      Clock clock) {
    this.ingest = ingest;
    this.outbox = outbox;
    this.relay = relay;
    this.transaction = new TransactionTemplate(transactions);
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Records the events from the key {@code keyId} as one batch and wakes the relay.
   *
   * @throws dev.journeys.api.InvalidRequestException an event too large for a journey
   * @throws EventProblems.Conflict an id reused with another payload (nothing recorded)
   */
  public UUID accept(String keyId, List<CustomerEvent> events) {
    ingest.checkSizes(events);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    List<String> statuses = new ArrayList<>();
    transaction.executeWithoutResult(
        tx -> {
          List<EventOutbox.Item> items = new ArrayList<>();
          List<FieldError> conflicts = new ArrayList<>();
          Map<String, CustomerEvent> seen = new HashMap<>();
          Map<String, String> rowSources = new HashMap<>();
          // the new events in one statement (the common case); the known ones one by one below
          Map<String, CustomerEvent> firsts = new LinkedHashMap<>();
          events.forEach(e -> firsts.putIfAbsent(e.eventId(), e));
          Set<String> inserted = outbox.insertNew(keyId, List.copyOf(firsts.values()), now);
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
              items.add(
                  new EventOutbox.Item(i, rowSources.get(event.eventId()), event.eventId(), true));
              statuses.add("duplicate");
              continue;
            }
            var recorded =
                inserted.contains(event.eventId())
                    ? new EventOutbox.Recorded(EventOutbox.Queued.PENDING, keyId)
                    : outbox.record(keyId, event, now);
            rowSources.put(event.eventId(), recorded.rowSource());
            switch (recorded.queued()) {
              case PENDING -> {
                items.add(new EventOutbox.Item(i, recorded.rowSource(), event.eventId(), false));
                statuses.add("accepted");
              }
              case DELIVERED -> {
                items.add(new EventOutbox.Item(i, recorded.rowSource(), event.eventId(), true));
                statuses.add("duplicate");
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
          outbox.saveBatch(new EventOutbox.Batch(id, keyId, now, events.size()), items);
        });
    for (int i = 0; i < events.size(); i++) {
      metrics
          .counter(
              "journeys.events.ingested", "type", events.get(i).type(), "status", statuses.get(i))
          .increment();
    }
    relay.wake();
    return id;
  }

  /**
   * The batch's status with the outcomes of at most {@code limit} events after position {@code
   * after} (-1: from the first); empty if there is no such batch of the key's.
   */
  public Optional<Status> status(String keyId, UUID id, int after, int limit) {
    var batch = outbox.batch(id).filter(b -> b.source().equals(keyId));
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    var c = outbox.counts(id);
    var counts =
        new Counts(
            c.events(),
            c.accepted(),
            c.duplicate(),
            c.delivered(),
            c.pending(),
            c.failed(),
            c.removed());
    List<Failure> failures =
        c.failed() == 0
            ? List.of()
            : outbox.items(id, -1, FAILURES_SHOWN, true).stream()
                .map(i -> new Failure(i.position(), i.eventId(), i.failure()))
                .toList();
    var items = outbox.items(id, after, limit, false);
    List<EventOutcome> results = items.stream().map(EventBatches::outcome).toList();
    String next = null;
    if (!items.isEmpty() && items.getLast().position() < c.events() - 1) {
      next = "?after=" + items.getLast().position() + "&limit=" + limit;
    }
    return Optional.of(
        new Status(
            id,
            batch.get().receivedAt(),
            counts.pending() > 0 ? "pending" : "done",
            counts,
            failures,
            results,
            next));
  }

  /** Waits up to {@code wait} for the batch's events to be delivered or failed. */
  public void awaitDone(UUID id, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    Duration step = Duration.ofMillis(20);
    while (outbox.counts(id).pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(step);
      step =
          step.multipliedBy(2).compareTo(Duration.ofMillis(250)) > 0
              ? Duration.ofMillis(250)
              : step.multipliedBy(2);
    }
  }

  /** {@code [3].} in a batch, nothing for a single event. */
  private static String at(int index, int size) {
    return size == 1 ? "" : "[" + index + "].";
  }

  private static EventOutcome outcome(EventOutbox.ItemState item) {
    String status;
    if (item.duplicate()) {
      status = "duplicate";
    } else if (item.removed()) {
      status = "removed";
    } else if (item.deliveredAt() != null) {
      status = "delivered";
    } else if (item.failedAt() != null) {
      status = "failed";
    } else {
      status = "pending";
    }
    return new EventOutcome(
        item.position(),
        item.eventId(),
        status,
        status.equals("delivered") ? item.routings() : null,
        status.equals("failed") ? item.failure() : null);
  }
}
