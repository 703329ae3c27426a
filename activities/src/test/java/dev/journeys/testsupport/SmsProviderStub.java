package dev.journeys.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Twilio-shaped SMS provider on loopback that records each request exactly as it arrived, so
 * tests assert on the real wire format. Answers can be scripted per call.
 */
public final class SmsProviderStub implements AutoCloseable {

  public static final String ACCOUNT_SID = "AC11111111111111111111111111111111";
  public static final String AUTH_TOKEN = "test-token";

  /** One request as received. */
  public record Received(
      String method, String path, Map<String, String> headers, Map<String, String> form) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile Function<Integer, Integer> statusForCall = call -> 201;

  public SmsProviderStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Scripts the HTTP status of the n-th call (1-based); 201 answers carry a message SID. */
  public void answer(Function<Integer, Integer> statusForCall) {
    this.statusForCall = statusForCall;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers =
        exchange.getRequestHeaders().entrySet().stream()
            .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> e.getValue().getFirst(), (a, b) -> a));
    Map<String, String> form =
        Arrays.stream(body.split("&"))
            .filter(p -> !p.isEmpty())
            .map(p -> p.split("=", 2))
            .collect(
                Collectors.toMap(
                    p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                    p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, form));
    int call = counter.incrementAndGet();
    int status = statusForCall.apply(call);
    String answer =
        status == 201
            ? "{\"sid\":\"SM%032d\",\"status\":\"queued\"}".formatted(call)
            : "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":%d}".formatted(status);
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
