package dev.journeys.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A steady load of journeys through the API, one fresh customer per journey (so frequency caps
 * never interfere): abandoned carts, orders whose shipping events come out of order, sign-ups.
 * Every event is posted until accepted, with the same {@code eventId} on every retry.
 */
final class LoadGenerator {

  /** A kind of journey and the messages it must have settled (sent, or recorded as not sent). */
  enum Kind {
    CART("abandoned-cart", List.of("cart-reminder", "cart-last-call")),
    ORDER("post-purchase", List.of("order-confirmation", "order-shipped", "order-delivered")),
    WELCOME("welcome-series", List.of("welcome"));

    final String journey;
    final List<String> expectedSteps;

    Kind(String journey, List<String> expectedSteps) {
      this.journey = journey;
      this.expectedSteps = expectedSteps;
    }
  }

  /**
   * One journey the load starts. {@code ordering} says how an order's OMS events are sent:
   * "shipped-first" posts order_shipped before order_placed (before the enrollment exists),
   * "delivered-first" posts order_delivered before order_shipped, "in-order" neither.
   */
  static final class Planned {
    final Fault fault;
    final Kind kind;
    final String customerId;
    final String email;
    final String phone;
    final String ordering;
    volatile boolean accepted;
    volatile boolean finished;

    Planned(Fault fault, Kind kind, String customerId, String phone, String ordering) {
      this.fault = fault;
      this.kind = kind;
      this.customerId = customerId;
      this.email = customerId + "@faults.test";
      this.phone = phone;
      this.ordering = ordering;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a client keeps retrying one event before it gives up. */
  private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(150);

  private final ApiClient api;
  private final Queue<Planned> planned = new ConcurrentLinkedQueue<>();
  private final Queue<Thread> clients = new ConcurrentLinkedQueue<>();
  private final AtomicInteger phoneSerial = new AtomicInteger();

  LoadGenerator(ApiClient api) {
    this.api = api;
  }

  /**
   * Starts {@code count} journeys for {@code fault}'s cohort, spread evenly over {@code window}.
   */
  void launch(Fault fault, int count, Duration window) {
    Duration gap = window.dividedBy(Math.max(1, count));
    Thread launcher =
        Thread.ofVirtual()
            .name("load-" + fault.cliName())
            .start(
                () -> {
                  for (int i = 0; i < count; i++) {
                    Kind kind = Kind.values()[i % Kind.values().length];
                    String ordering =
                        kind == Kind.ORDER
                            ? List.of("shipped-first", "delivered-first", "in-order")
                                .get((i / Kind.values().length) % 3)
                            : "";
                    String phone =
                        fault.phonePrefix() + "%06d".formatted(phoneSerial.incrementAndGet());
                    Planned journey =
                        new Planned(
                            fault,
                            kind,
                            fault.cliName() + "-" + kind.name().toLowerCase() + "-" + i,
                            phone,
                            ordering);
                    planned.add(journey);
                    clients.add(Thread.ofVirtual().start(() -> run(journey)));
                    Pause.of(gap);
                  }
                });
    clients.add(launcher);
  }

  /** Waits until every client has finished (accepted or given up). */
  boolean awaitClients(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    for (Thread client : clients) {
      Duration left = Duration.between(Instant.now(), deadline);
      try {
        if (left.isNegative() || !client.join(left)) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  List<Planned> planned() {
    return List.copyOf(planned);
  }

  private void run(Planned journey) {
    Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
    try {
      boolean ok =
          api.deliver(
              "PUT",
              "/v1/customers/" + journey.customerId,
              profile(journey),
              "customer " + journey.customerId,
              giveUp);
      ok =
          ok
              && switch (journey.kind) {
                case CART -> event(journey, "cart_abandoned", Map.of("cartTotal", "59.90"), giveUp);
                case WELCOME -> event(journey, "customer_signed_up", Map.of(), giveUp);
                case ORDER -> order(journey, giveUp);
              };
      journey.accepted = ok;
      if (!ok) {
        log.warn("client gave up on {}", journey.customerId);
      }
    } finally {
      journey.finished = true;
    }
  }

  private boolean order(Planned journey, Instant giveUp) {
    Map<String, Object> order = Map.of("orderId", "o-" + journey.customerId);
    return switch (journey.ordering) {
      case "shipped-first" ->
          event(journey, "order_shipped", order, giveUp)
              && pause(1)
              && event(journey, "order_placed", order, giveUp)
              && pause(2)
              && event(journey, "order_delivered", order, giveUp);
      case "delivered-first" ->
          event(journey, "order_placed", order, giveUp)
              && pause(2)
              && event(journey, "order_delivered", order, giveUp)
              && pause(1)
              && event(journey, "order_shipped", order, giveUp);
      default ->
          event(journey, "order_placed", order, giveUp)
              && pause(2)
              && event(journey, "order_shipped", order, giveUp)
              && pause(1)
              && event(journey, "order_delivered", order, giveUp);
    };
  }

  private static boolean pause(int seconds) {
    Pause.of(Duration.ofSeconds(seconds));
    return true;
  }

  private boolean event(
      Planned journey, String type, Map<String, Object> properties, Instant giveUp) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", journey.customerId + "-" + type);
    event.put("customerId", journey.customerId);
    event.put("type", type);
    event.put("occurredAt", Instant.now().toString());
    event.put("properties", properties);
    return api.deliver("POST", "/v1/events", json(event), type + " " + journey.customerId, giveUp);
  }

  private static String profile(Planned journey) {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("email", journey.email);
    profile.put("phone", journey.phone);
    profile.put("timeZone", "UTC");
    profile.put("locale", "en");
    profile.put("firstName", "Test");
    profile.put(
        "consents",
        List.of(
            Map.of("channel", "EMAIL", "topic", "MARKETING", "status", "GRANTED"),
            Map.of("channel", "SMS", "topic", "MARKETING", "status", "GRANTED")));
    if (journey.kind == Kind.ORDER) {
      // shipping updates by SMS first, so SMS provider faults reach transactional messages too
      profile.put("preferredChannel", "SMS");
    }
    return json(profile);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
