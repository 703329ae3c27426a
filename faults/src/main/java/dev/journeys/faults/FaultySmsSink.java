package dev.journeys.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.journeys.devstack.SmsSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Twilio-shaped SMS provider on loopback (same API and credentials as devstack's {@link SmsSink})
 * with fault modes, each applied to recipients whose number starts with a given prefix and, except
 * for permanent refusals, for a limited time that starts with the first request the mode meets (so
 * that a worker running behind still meets the fault, however slow the machine):
 *
 * <ul>
 *   <li>{@link Mode#UNAVAILABLE}: 503, nothing kept (an outage)
 *   <li>{@link Mode#REJECT}: 400 with Twilio's code 21211 (invalid 'To' number), nothing kept
 *   <li>{@link Mode#HANG}: holds the request past the client's timeout, then <em>accepts</em> it (a
 *       slow provider: the message goes out although the caller saw a timeout; the window between
 *       the provider's accept and the ledger update that issue 9 asks to measure)
 * </ul>
 *
 * Like a provider that ignores idempotency headers, the sink does not deduplicate: every accepted
 * request is a message to the handset. It keeps the {@code I-Twilio-Idempotency-Token} header when
 * a request has one and the SID it answered with, which is what the audit matches ledger rows by.
 */
final class FaultySmsSink implements AutoCloseable {

  enum Mode {
    UNAVAILABLE,
    REJECT,
    HANG
  }

  /** One accepted message. */
  record Received(
      String to, String body, String idempotencyKey, String sid, Instant at, boolean afterHang) {}

  /** A mode for a prefix; {@code lasts} null = for good; its clock starts at the first hit. */
  private static final class Rule {
    final Mode mode;
    final Duration lasts;
    final AtomicReference<Instant> firstHit = new AtomicReference<>();
    final AtomicLong hits = new AtomicLong();

    Rule(Mode mode, Duration lasts) {
      this.mode = mode;
      this.lasts = lasts;
    }

    boolean appliesAt(Instant now) {
      Instant first = firstHit.updateAndGet(f -> f == null ? now : f);
      return lasts == null || now.isBefore(first.plus(lasts));
    }
  }

  private static final Logger log = LoggerFactory.getLogger(FaultySmsSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Duration hangFor;
  private final Map<String, Rule> rules = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /**
   * @param hangFor how long a hanging request is held: longer than the worker's SMS timeout
   */
  FaultySmsSink(Duration hangFor) {
    this.hangFor = hangFor;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the SMS sink", e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    log.info("Faulty SMS sink listening on {}", baseUrl());
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Applies {@code mode} to numbers starting with {@code prefix} for {@code lasts} from the first
   * request it meets; {@code null} = for the rest of the run.
   */
  void apply(String prefix, Mode mode, Duration lasts) {
    rules.put(prefix, new Rule(mode, lasts));
    log.info(
        "SMS sink: {} for {}* {}", mode, prefix, lasts == null ? "from now on" : "for " + lasts);
  }

  /** How many requests the mode for {@code prefix} answered (refused or held). */
  long hits(String prefix) {
    Rule rule = rules.get(prefix);
    return rule == null ? 0 : rule.hits.get();
  }

  /**
   * When the timed modes are over and a send retried with exponential backoff has had its next
   * attempt (at most as long after the mode's end as the mode lasted); {@code Instant.MAX} while a
   * timed mode has not met its first request yet.
   */
  Instant faultsOverBy() {
    Instant over = Instant.EPOCH;
    for (Rule rule : rules.values()) {
      if (rule.lasts == null) {
        continue;
      }
      Instant first = rule.firstHit.get();
      if (first == null) {
        return Instant.MAX;
      }
      Instant end = first.plus(rule.lasts.multipliedBy(2));
      over = end.isAfter(over) ? end : over;
    }
    return over;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  long refused() {
    return refused.get();
  }

  private Mode modeFor(String to) {
    Instant now = Instant.now();
    for (var entry : rules.entrySet()) {
      if (to.startsWith(entry.getKey()) && entry.getValue().appliesAt(now)) {
        entry.getValue().hits.incrementAndGet();
        return entry.getValue().mode;
      }
    }
    return null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"POST".equals(exchange.getRequestMethod())
          || !path.equals("/2010-04-01/Accounts/" + SmsSink.ACCOUNT_SID + "/Messages.json")) {
        respond(exchange, 404, error(20404, "The requested resource was not found", 404));
        return;
      }
      Map<String, String> form =
          parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String to = form.getOrDefault("To", "");
      Mode mode = modeFor(to);
      if (mode == Mode.UNAVAILABLE) {
        refused.incrementAndGet();
        respond(exchange, 503, error(20503, "Service unavailable", 503));
        return;
      }
      if (mode == Mode.REJECT) {
        refused.incrementAndGet();
        respond(exchange, 400, error(21211, "The 'To' number " + to + " is not valid.", 400));
        return;
      }
      if (mode == Mode.HANG) {
        Pause.of(hangFor);
      }
      String sid = "SM%032x".formatted(sequence.incrementAndGet());
      received.add(
          new Received(
              to,
              form.getOrDefault("Body", ""),
              exchange.getRequestHeaders().getFirst("I-Twilio-Idempotency-Token"),
              sid,
              Instant.now(),
              mode == Mode.HANG));
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("sid", sid);
      message.put("account_sid", SmsSink.ACCOUNT_SID);
      message.put("status", "queued");
      message.put("to", to);
      respond(exchange, 201, message);
    } catch (IOException clientGone) {
      // a hanging request's caller has given up; the message was accepted all the same
    }
  }

  private static Map<String, Object> error(int code, String message, int status) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    return error;
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void respond(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
