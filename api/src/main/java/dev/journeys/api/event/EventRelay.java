package dev.journeys.api.event;

import io.grpc.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the queued events of batches ({@link EventOutbox}) to their journeys, in the API
 * process, through the same {@link JourneyRouter} as a synchronous request. Customers concurrently
 * (at most {@code journeys.events.relay.parallelism}, default 16, on virtual threads), each
 * customer's events one after the other in arrival order: a relay leases a customer's oldest
 * undelivered event, delivers it, then leases their next. No database connection or transaction is
 * held while Temporal is called; every outbox statement is one short autocommitted statement.
 *
 * <p>Several API instances relay side by side: leases are taken with {@code FOR UPDATE SKIP LOCKED}
 * and expire ({@code journeys.events.relay.lease}, default 60 s, far longer than one event's
 * Temporal budget {@code journeys.events.relay.event-budget}, default 10 s), so the events of an
 * instance that died are taken over once its leases run out; an instance that stops cleanly gives
 * its leases back at once.
 *
 * <p>Temporal unavailable (or out of time): the event is given back with a backoff (250 ms doubling
 * to {@code journeys.events.relay.max-backoff}, default 30 s), the customer's later events wait
 * behind it, and the relay leases nothing new for a moment; it is retried for as long as it takes.
 * Refused by Temporal for good (an invalid argument, a payload over its limits): marked failed with
 * the reason and reported in its batch, not retried; the customer's next events go on. Any other
 * error is retried with the backoff up to {@code journeys.events.relay.max-attempts} (default 10)
 * and then marked failed.
 *
 * <p><b>Why a redelivery is harmless.</b> If an instance dies after Temporal took an event and
 * before it marked the event delivered, the lease expires and another relay delivers it again.
 * Every delivery carries the same event id (the sender's id qualified by its key), and the routing
 * is what a sender's retry of a synchronous request gets: a journey drops an event whose id it has
 * seen (its inbox keeps the ids, across continue-as-new), so a signal repeated to the enrollment
 * that has it is not seen twice; a trigger repeated by signal-with-start reaches the running
 * enrollment it started as a signal and is dropped the same way (the start arguments of a running
 * enrollment are ignored). What a repeat can still do is what a sender's retry after a 503 can do:
 * a trigger whose enrollment ended between the two deliveries starts a new one, as the re-entry
 * policy allows, and a journey whose re-entry policy is {@code RESTART} (no built-in journey's)
 * restarts. Two relays never deliver one event at the same time: a lease is held by one relay only,
 * it outlasts the delivery's Temporal budget, and a delivery is marked done only by the relay that
 * holds its lease.
 */
@Component
public class EventRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  /** The longest the relay stops leasing after Temporal was found unavailable. */
  private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

  private final EventOutbox outbox;
  private final JourneyRouter router;
  private final Clock clock;
  private final boolean enabled;
  private final int parallelism;
  private final Duration lease;
  private final Duration eventBudget;
  private final Duration maxBackoff;
  private final Duration pollInterval;
  private final int maxAttempts;

  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;
  private final Timer delay;

  private final Object nudge = new Object();
  private boolean nudged;
  private volatile boolean running;
  private volatile UUID id;
  private volatile Thread loop;
  private volatile ExecutorService workers;
  private volatile Semaphore permits;
  private volatile Instant pausedUntil = Instant.EPOCH;
  private int unavailableInARow;
  private volatile EventOutbox.Backlog backlog = new EventOutbox.Backlog(0, null);
  private Instant backlogReadAt = Instant.EPOCH;
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("event-relay-deadline").factory());

  public EventRelay(
      EventOutbox outbox,
      JourneyRouter router,
      MeterRegistry metrics,
      Clock clock,
      @Value("${journeys.events.relay.enabled:true}") boolean enabled,
      @Value("${journeys.events.relay.parallelism:16}") int parallelism,
      @Value("${journeys.events.relay.lease:60s}") Duration lease,
      @Value("${journeys.events.relay.event-budget:10s}") Duration eventBudget,
      @Value("${journeys.events.relay.max-backoff:30s}") Duration maxBackoff,
      @Value("${journeys.events.relay.poll-interval:500ms}") Duration pollInterval,
      @Value("${journeys.events.relay.max-attempts:10}") int maxAttempts) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("journeys.events.relay.parallelism must be at least 1");
    }
    if (lease.compareTo(eventBudget.multipliedBy(2)) < 0) {
      // a lease that could run out while its relay still waits for Temporal would let another
      // relay deliver the same event at the same time
      throw new IllegalArgumentException(
          "journeys.events.relay.lease must be at least twice journeys.events.relay.event-budget");
    }
    this.outbox = outbox;
    this.router = router;
    this.clock = clock;
    this.enabled = enabled;
    this.parallelism = parallelism;
    this.lease = lease;
    this.eventBudget = eventBudget;
    this.maxBackoff = maxBackoff;
    this.pollInterval = pollInterval;
    this.maxAttempts = maxAttempts;
    this.delivered = relayed(metrics, "delivered");
    this.retried = relayed(metrics, "retried");
    this.failed = relayed(metrics, "failed");
    this.delay =
        Timer.builder("journeys.events.relay.delay")
            .description("From a batch's receipt to its event's delivery by the relay")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
    Gauge.builder("journeys.events.relay.pending", this, r -> r.backlog.pending())
        .description("Events of batches recorded and not delivered yet (all instances)")
        .register(metrics);
    Gauge.builder("journeys.events.relay.lag", this, EventRelay::lagSeconds)
        .description("Age of the oldest event of a batch not delivered yet, in seconds")
        .baseUnit("seconds")
        .register(metrics);
  }

  private static Counter relayed(MeterRegistry metrics, String outcome) {
    return Counter.builder("journeys.events.relay.attempts")
        .description("Deliveries the relay attempted, by outcome")
        .tag("outcome", outcome)
        .register(metrics);
  }

  private double lagSeconds() {
    Instant oldest = backlog.oldest();
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, clock.instant()).toMillis()) / 1000.0;
  }

  /** Looks for work now rather than at the next poll: a batch was just recorded. */
  public void wake() {
    synchronized (nudge) {
      nudged = true;
      nudge.notifyAll();
    }
  }

  @Override
  public synchronized void start() {
    if (!enabled || running) {
      return;
    }
    id = UUID.randomUUID();
    permits = new Semaphore(parallelism);
    workers =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("event-relay-", 0).factory());
    running = true;
    loop = Thread.ofPlatform().daemon().name("event-relay").start(this::run);
    log.info("event relay {} started", id);
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    wake();
    try {
      loop.join(Duration.ofSeconds(5));
      workers.shutdown();
      if (!workers.awaitTermination(eventBudget.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    try {
      int released = outbox.releaseAll(id);
      log.info("event relay {} stopped, {} leases given back", id, released);
    } catch (RuntimeException e) {
      log.warn("event relay {} stopped; its leases expire by themselves", id, e);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    while (running) {
      try {
        refreshBacklog();
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
          await(Duration.between(now, pausedUntil));
          continue;
        }
        int free = permits.availablePermits();
        if (free == 0) {
          await(pollInterval);
          continue;
        }
        List<EventOutbox.Leased> leased = outbox.leaseHeads(id, free, now, now.plus(lease));
        for (EventOutbox.Leased event : leased) {
          permits.acquireUninterruptibly();
          workers.submit(
              () -> {
                try {
                  deliverCustomer(event);
                } finally {
                  permits.release();
                  wake();
                }
              });
        }
        if (leased.size() < free) {
          await(pollInterval);
        }
      } catch (RuntimeException e) {
        // the database is away, say: look again at the next poll
        log.warn("event relay: cannot lease events", e);
        await(pollInterval);
      }
    }
  }

  /** The leased event, then the customer's next ones while they are free and deliveries succeed. */
  private void deliverCustomer(EventOutbox.Leased first) {
    EventOutbox.Leased event = first;
    while (event != null && deliver(event) && running) {
      Instant now = clock.instant();
      event = outbox.leaseNext(id, event.customerId(), now, now.plus(lease)).orElse(null);
    }
  }

  /** Delivers one leased event; false when the customer's later events must wait for it. */
  private boolean deliver(EventOutbox.Leased event) {
    MDC.put("customerId", event.customerId());
    Context.CancellableContext bounded =
        Context.current()
            .withDeadlineAfter(eventBudget.toMillis(), TimeUnit.MILLISECONDS, deadlines);
    try {
      List<JourneyRouter.Routing> routings = bounded.call(() -> router.route(event.event()));
      Instant now = clock.instant();
      if (!outbox.delivered(event, id, routings, now)) {
        log.warn("event {} delivered after its lease was lost", event.event().eventId());
      }
      delivered.increment();
      delay.record(Duration.between(event.receivedAt(), now));
      synchronized (this) {
        unavailableInARow = 0;
      }
      return true;
    } catch (Exception e) {
      return failed(event, e);
    } finally {
      bounded.cancel(null);
      MDC.remove("customerId");
    }
  }

  private boolean failed(EventOutbox.Leased event, Exception e) {
    Instant now = clock.instant();
    String eventId = event.event().eventId();
    switch (TemporalFailure.of(e)) {
      case REFUSED -> {
        outbox.failed(event, id, TemporalFailure.message(e), now);
        failed.increment();
        log.warn("event {} refused by the journey engine: {}", eventId, e.getMessage());
        return true;
      }
      case UNAVAILABLE -> {
        Duration backoff = backoff(event.attempts());
        outbox.retryLater(event, id, now.plus(backoff));
        retried.increment();
        synchronized (this) {
          unavailableInARow++;
          // lease nothing new for a while: every other event would meet the same outage
          Duration pause = backoff(unavailableInARow);
          pausedUntil = now.plus(pause.compareTo(MAX_PAUSE) < 0 ? pause : MAX_PAUSE);
        }
        log.info("event {}: journey engine unavailable, retried in {}", eventId, backoff);
        return false;
      }
      default -> {
        if (event.attempts() >= maxAttempts) {
          outbox.failed(
              event, id, "not delivered after " + event.attempts() + " attempts: " + e, now);
          failed.increment();
          log.error("event {} failed {} times, given up", eventId, event.attempts(), e);
          return true;
        }
        Duration backoff = backoff(event.attempts());
        outbox.retryLater(event, id, now.plus(backoff));
        retried.increment();
        log.warn("event {} not delivered, retried in {}", eventId, backoff, e);
        return false;
      }
    }
  }

  /** 250 ms doubling per attempt up to the maximum, with a little jitter. */
  private Duration backoff(int attempt) {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(Math.max(attempt - 1, 0), 16);
    millis = Math.min(millis, maxBackoff.toMillis());
    return Duration.ofMillis((long) (millis * ThreadLocalRandom.current().nextDouble(0.8, 1.0)));
  }

  private void refreshBacklog() {
    Instant now = clock.instant();
    if (Duration.between(backlogReadAt, now).compareTo(Duration.ofSeconds(1)) >= 0) {
      backlogReadAt = now;
      backlog = outbox.backlog();
    }
  }

  private void await(Duration timeout) {
    synchronized (nudge) {
      if (!nudged && running) {
        try {
          nudge.wait(Math.max(1, Math.min(timeout.toMillis(), pollInterval.toMillis())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      nudged = false;
    }
  }
}
