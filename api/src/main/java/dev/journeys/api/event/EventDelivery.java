package dev.journeys.api.event;

import dev.journeys.event.CustomerEvent;
import io.grpc.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Routes recorded events to their journeys. A customer's events go in request order, one after the
 * other (a cart before the order that converts it); different customers' go concurrently, at most
 * {@code journeys.events.delivery-parallelism} (default 16) at a time per request, each on a
 * virtual thread that carries the request's Temporal deadline ({@code TemporalRequestBudget}) and
 * logging context. No database connection is held while waiting for Temporal: the router's
 * statements each borrow one for themselves.
 *
 * <p>A customer's delivery stops at its first failure (the rest of their events stay undelivered,
 * so a retry keeps their order); once Temporal is found unavailable no further event is begun.
 */
@Component
class EventDelivery implements DisposableBean {

  /** An event that failed, and why. */
  record Failure(CustomerEvent event, RuntimeException cause) {}

  /**
   * What became of the events: routings of the delivered ones by event id, the failures, and the
   * events not tried because an earlier one failed.
   */
  record Outcome(
      Map<String, List<JourneyRouter.Routing>> delivered,
      List<Failure> failures,
      List<CustomerEvent> skipped) {}

  private final JourneyRouter router;
  private final int parallelism;
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("event-delivery-", 0).factory());

  EventDelivery(
      JourneyRouter router, @Value("${journeys.events.delivery-parallelism:16}") int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("journeys.events.delivery-parallelism must be at least 1");
    }
    this.router = router;
    this.parallelism = parallelism;
  }

  /** One after the other on the caller's thread (and in its transaction, if it has one). */
  Outcome deliverHere(List<CustomerEvent> events, Consumer<CustomerEvent> onDelivered) {
    var outcome = newOutcome();
    deliverInOrder(events, onDelivered, outcome, new AtomicBoolean());
    return outcome;
  }

  /** Each customer's events in order, customers concurrently; returns when all are done. */
  Outcome deliver(List<CustomerEvent> events, Consumer<CustomerEvent> onDelivered) {
    Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
    for (CustomerEvent event : events) {
      byCustomer.computeIfAbsent(event.customerId(), c -> new ArrayList<>()).add(event);
    }
    if (byCustomer.size() <= 1 || parallelism == 1) {
      return deliverHere(events, onDelivered);
    }
    var outcome = newOutcome();
    var stop = new AtomicBoolean();
    var permits = new Semaphore(parallelism);
    Context deadline = Context.current();
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    List<Future<?>> running = new ArrayList<>();
    for (List<CustomerEvent> customerEvents : byCustomer.values()) {
      running.add(
          threads.submit(
              deadline.wrap(
                  () -> {
                    if (logContext != null) {
                      MDC.setContextMap(logContext);
                    }
                    permits.acquireUninterruptibly();
                    try {
                      deliverInOrder(customerEvents, onDelivered, outcome, stop);
                    } finally {
                      permits.release();
                      MDC.clear();
                    }
                  })));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop.set(true);
      } catch (ExecutionException e) {
        // deliverInOrder records every failure itself; anything else is a fault of ours
        throw new IllegalStateException("event delivery failed", e.getCause());
      }
    }
    return outcome;
  }

  private void deliverInOrder(
      List<CustomerEvent> events,
      Consumer<CustomerEvent> onDelivered,
      Outcome outcome,
      AtomicBoolean stop) {
    for (int i = 0; i < events.size(); i++) {
      CustomerEvent event = events.get(i);
      if (stop.get()) {
        outcome.skipped().addAll(events.subList(i, events.size()));
        return;
      }
      try {
        outcome.delivered().put(event.eventId(), router.route(event));
        onDelivered.accept(event);
      } catch (RuntimeException e) {
        outcome.delivered().remove(event.eventId());
        outcome.failures().add(new Failure(event, e));
        if (TemporalFailure.of(e) == TemporalFailure.Kind.UNAVAILABLE) {
          stop.set(true);
        }
        outcome.skipped().addAll(events.subList(i + 1, events.size()));
        return;
      }
    }
  }

  private static Outcome newOutcome() {
    return new Outcome(
        new ConcurrentHashMap<>(),
        Collections.synchronizedList(new ArrayList<>()),
        Collections.synchronizedList(new ArrayList<>()));
  }

  @Override
  public void destroy() {
    threads.shutdownNow();
  }
}
