package dev.journeys.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A JSON HTTP provider on loopback (WhatsApp, Send API, FCM, webhook receivers) that records each
 * request exactly as it arrived and answers as the test scripts it.
 */
public final class ProviderStub implements AutoCloseable {

  /** One request as received; header names lower-cased. */
  public record Received(
      String method, String path, String query, Map<String, String> headers, String body) {}

  /** What to answer. */
  public record Answer(int status, String body, Map<String, String> headers) {
    public static Answer json(int status, String body) {
      return new Answer(status, body, Map.of());
    }

    public Answer withHeader(String name, String value) {
      var more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, body, more);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Function<Received, Answer> answer = r -> Answer.json(200, "{}");

  public ProviderStub() {
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

  public void answer(Function<Received, Answer> answer) {
    this.answer = answer;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public Received last() {
    return received.getLast();
  }

  public void clear() {
    received.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers =
        exchange.getRequestHeaders().entrySet().stream()
            .collect(
                Collectors.toMap(
                    e -> e.getKey().toLowerCase(), e -> e.getValue().getFirst(), (a, b) -> a));
    var request =
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            headers,
            body);
    received.add(request);
    Answer a = answer.apply(request);
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
