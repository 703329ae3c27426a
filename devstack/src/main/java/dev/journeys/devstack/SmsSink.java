package dev.journeys.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.journeys.logging.PersonalDataMasking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server on loopback that answers like Twilio's Messages API ({@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json}) and keeps what it was sent, so SMS can be seen
 * in the log and asserted on in tests without a provider account.
 */
public final class SmsSink implements AutoCloseable {

  public static final int DEV_PORT = 8025;

  /** The only credentials the sink accepts. */
  public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";

  public static final String AUTH_TOKEN = "local-dev-token";

  /** One message as the sink received it. */
  public record ReceivedSms(
      String accountSid, String to, String from, String body, String idempotencyKey) {}

  private static final Pattern MESSAGES_PATH =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(SmsSink.class);

  private final HttpServer server;
  private final int port;
  private final List<ReceivedSms> received = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();

  private SmsSink(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the SMS sink on port " + port, e);
    }
    this.port = server.getAddress().getPort();
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    log.info("SMS sink listening on {}", baseUrl());
  }

  /** The developer's sink on port 8025. */
  public static SmsSink startForDevelopment() {
    return new SmsSink(DEV_PORT);
  }

  /** A sink on a free port. */
  public static SmsSink startOnFreePort() {
    return new SmsSink(0);
  }

  /** E.g. {@code http://127.0.0.1:8025}; what {@code journeys.channels.sms.base-url} points at. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String accountSid() {
    return ACCOUNT_SID;
  }

  public String authToken() {
    return AUTH_TOKEN;
  }

  /** Every message accepted so far, oldest first. */
  public List<ReceivedSms> receivedMessages() {
    return List.copyOf(received);
  }

  /** Forgets the messages received so far, e.g. between tests. */
  public void reset() {
    received.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = MESSAGES_PATH.matcher(exchange.getRequestURI().getPath());
      if (!path.matches()) {
        respondError(exchange, 404, 20404, "The requested resource was not found");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        respondError(exchange, 405, 20004, "Method not allowed");
        return;
      }
      String accountSid = path.group(1);
      if (!authorized(exchange, accountSid)) {
        respondError(exchange, 401, 20003, "Authenticate");
        return;
      }
      Map<String, String> form =
          parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String to = form.get("To");
      String body = form.get("Body");
      if (to == null || to.isBlank() || body == null) {
        respondError(exchange, 400, 21604, "A 'To' phone number and a 'Body' are required.");
        return;
      }
      String from = form.getOrDefault("From", form.get("MessagingServiceSid"));
      ReceivedSms sms =
          new ReceivedSms(
              accountSid,
              to,
              from,
              body,
              exchange.getRequestHeaders().getFirst("I-Twilio-Idempotency-Token"));
      received.add(sms);
      // the sink stands in for a provider: its log is as careful with numbers as the apps' logs
      log.info(
          "SMS received: to={} from={} body=\"{}\"",
          PersonalDataMasking.mask(to),
          PersonalDataMasking.mask(from),
          PersonalDataMasking.mask(body));
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("sid", "SM%032x".formatted(sequence.incrementAndGet()));
      message.put("account_sid", accountSid);
      message.put("status", "queued");
      message.put("to", to);
      message.put("from", from);
      message.put("body", body);
      respond(exchange, 201, message);
    }
  }

  private static boolean authorized(HttpExchange exchange, String accountSid) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String credentials;
    try {
      credentials =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return credentials.equals(ACCOUNT_SID + ":" + AUTH_TOKEN) && accountSid.equals(ACCOUNT_SID);
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  /** Answers in Twilio's error body shape. */
  private static void respondError(HttpExchange exchange, int status, int code, String message)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    if (status == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
    }
    respond(exchange, status, error);
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
    log.info("SMS sink on {} stopped", baseUrl());
  }
}
