package dev.journeys.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chromium (Debian's package) driven headless over the DevTools protocol with the JDK's own
 * WebSocket client: enough to open a page of a JavaScript app, wait until it has rendered what a
 * test looks for, and read its text. {@code --dump-dom} alone returns the page at its load event,
 * before a single-page app such as the Temporal UI has fetched and rendered anything.
 */
final class HeadlessChromium implements AutoCloseable {

  /** The browser's binary: {@code $CHROMIUM}, else the first of these names on the PATH. */
  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final URI devtools;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HeadlessChromium(Process process, Path profile, URI devtools) {
    this.process = process;
    this.profile = profile;
    this.devtools = devtools;
  }

  /** The Chromium binary, if there is one. */
  static Optional<Path> locate() {
    String explicit = System.getenv("CHROMIUM");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return NAMES.stream()
        .flatMap(
            name ->
                Stream.of(path.split(java.io.File.pathSeparator))
                    .filter(dir -> !dir.isBlank())
                    .map(dir -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts a headless browser with a fresh, empty profile and DevTools on a free port. */
  static HeadlessChromium start(Path binary) throws IOException {
    Path profile = Files.createTempDirectory("journeys-chromium-");
    var command =
        List.of(
            binary.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1600,1200",
            "--user-data-dir=" + profile,
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "about:blank");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    var output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF8));
    var seen = new ArrayList<String>();
    var endpoint = new CompletableFuture<URI>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line; (line = output.readLine()) != null; ) {
                  var matcher = LISTENING.matcher(line);
                  if (matcher.find()) {
                    endpoint.complete(URI.create(matcher.group(1)));
                  } else if (!endpoint.isDone()) {
                    synchronized (seen) {
                      seen.add(line);
                    }
                  }
                }
              } catch (IOException ended) {
                // the browser closed its output: it has exited
              }
              endpoint.completeExceptionally(new IOException("chromium exited: " + seen));
            },
            "chromium-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new HeadlessChromium(process, profile, endpoint.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      deleteQuietly(profile);
      throw new IOException("chromium did not start its DevTools endpoint: " + e.getMessage(), e);
    }
  }

  /**
   * Opens {@code url} in the browser's page and returns the page's visible text once {@code
   * rendered} accepts it; the last text seen when {@code atMost} has passed.
   */
  String textOf(URI url, Predicate<String> rendered, Duration atMost) throws Exception {
    return evaluate(url, TEXT, rendered, atMost);
  }

  /**
   * The page's text and, after it, that of its same-origin frames: the Temporal UI renders the
   * Markdown of summaries and details in iframes, whose text the page's innerText leaves out.
   */
  private static final String TEXT =
      """
      (document.body ? document.body.innerText : '') + '\\n' +
        [...document.querySelectorAll('iframe')]
          .map(f => f.contentDocument && f.contentDocument.body
                ? f.contentDocument.body.innerText : '')
          .join('\\n')""";

  /**
   * Opens {@code url} and evaluates the JavaScript {@code expression} (a string) until {@code
   * rendered} accepts its value; the last value when {@code atMost} has passed.
   */
  String evaluate(URI url, String expression, Predicate<String> rendered, Duration atMost)
      throws Exception {
    return evaluate(url, Map.of(), expression, rendered, atMost);
  }

  /**
   * As {@link #evaluate(URI, String, Predicate, Duration)}, with {@code headers} on every request
   * the page makes (an API key, say: a browser has no other way to send a bearer token).
   */
  String evaluate(
      URI url,
      Map<String, String> headers,
      String expression,
      Predicate<String> rendered,
      Duration atMost)
      throws Exception {
    try (var page = page()) {
      page.call("Network.enable", Map.of());
      page.call("Network.setExtraHTTPHeaders", Map.of("headers", headers));
      page.call("Page.navigate", Map.of("url", url.toString()));
      Instant deadline = Instant.now().plus(atMost);
      String text = "";
      while (Instant.now().isBefore(deadline)) {
        JsonNode result =
            page.call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        text = result.path("result").path("value").asText("");
        if (rendered.test(text)) {
          return text;
        }
        Thread.sleep(500);
      }
      return text;
    }
  }

  /** A PNG of what the page last opened shows now, for whoever looks into a failure. */
  byte[] screenshot() throws Exception {
    try (var page = page()) {
      JsonNode shot = page.call("Page.captureScreenshot", Map.of("format", "png"));
      return java.util.Base64.getDecoder().decode(shot.path("data").asText());
    }
  }

  private Page page() throws Exception {
    URI list = URI.create("http://" + devtools.getAuthority() + "/json/list");
    JsonNode targets =
        json.readTree(
            http.send(
                    HttpRequest.newBuilder(list).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    for (JsonNode target : targets) {
      if ("page".equals(target.path("type").asText())) {
        return new Page(URI.create(target.path("webSocketDebuggerUrl").asText()));
      }
    }
    throw new IllegalStateException("chromium has no page target: " + targets);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteQuietly(profile);
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** One page's DevTools session: numbered calls, answered by id. */
  private final class Page implements WebSocket.Listener, AutoCloseable {

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    Page(URI endpoint) throws Exception {
      socket = http.newWebSocketBuilder().buildAsync(endpoint, this).get(30, TimeUnit.SECONDS);
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
      int id = ids.incrementAndGet();
      var answer = new CompletableFuture<JsonNode>();
      pending.put(id, answer);
      ObjectNode message = json.createObjectNode();
      message.put("id", id);
      message.put("method", method);
      message.set("params", json.valueToTree(params));
      socket.sendText(json.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
      JsonNode reply = answer.get(30, TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IllegalStateException(method + ": " + reply.get("error"));
      }
      return reply.path("result");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = json.readTree(partial.toString());
          var answer = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (answer != null) {
            answer.complete(message);
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
