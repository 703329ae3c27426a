package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The OpenAPI document as a contract, checked against the running API: every operation lists its
 * problems as problem+json with the type URIs the code writes; the scopes it states are the ones
 * the API's 403 names (and public operations need no key); every example fits its schema and the
 * API accepts every request example; path parameters carry the pattern the API enforces.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// hundreds of requests with one key: no 429 in the way
@TestPropertySource(
    properties = {
      "journeys.security.rate-limit.per-second=100000",
      "journeys.security.rate-limit.burst=100000"
    })
class OpenApiContractTest extends ApiTestSupport {

  private static final List<String> METHODS = List.of("put", "post", "patch", "get", "delete");

  /**
   * Request examples the API cannot answer with the success status on a fresh system, and what it
   * answers instead (a status the document lists for the operation).
   */
  private static final Map<String, Integer> ANSWERED_OTHERWISE =
      Map.of(
          // the enrollment id of a running enrollment carries a run id Temporal makes up
          "POST /v1/customers/{id}/enrollments/cancel", 404,
          // payload encryption is off in these tests (journeys.codec.key not set)
          "POST /codec/encode", 404,
          "POST /codec/decode", 404,
          // no provider's secret is configured in these tests
          "POST /v1/webhooks/{provider}/status", 404);

  @LocalServerPort int port;

  private final HttpClient client = HttpClient.newHttpClient();
  private JsonNode doc;

  @BeforeEach
  void readTheDocument() throws Exception {
    var response = send("GET", "/v3/api-docs", null, null, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    doc = json.readTree(response.body());
    // for a reader of a failed run (and for schemathesis by hand)
    Files.writeString(
        Path.of("target", "openapi.json"),
        json.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
  }

  @Test
  @Order(1)
  void everyOperationDocumentsItsProblemsAsProblemJson() {
    var soft = new SoftAssertions();
    for (var op : operations()) {
      JsonNode responses = op.node.path("responses");
      boolean isPublic = op.node.path("security").isArray() && op.node.path("security").isEmpty();
      List<String> statuses = new ArrayList<>();
      statuses.add("400");
      if (!isPublic) {
        statuses.addAll(List.of("401", "403", "429"));
      }
      if (op.node.has("requestBody")) {
        statuses.addAll(List.of("413", "415"));
      }
      for (String status : statuses) {
        JsonNode media = responses.path(status).path("content").path("application/problem+json");
        soft.assertThat(media.isMissingNode()).as(op + " " + status + " as problem+json").isFalse();
        soft.assertThat(typesOf(media)).as(op + " " + status + " type URIs").isNotEmpty();
      }
      if (!isPublic) {
        soft.assertThat(responses.at("/429/headers/Retry-After").isMissingNode())
            .as(op + " 429 Retry-After")
            .isFalse();
        soft.assertThat(responses.at("/403/content/application~1problem+json/examples"))
            .as(op + " 403 example")
            .isNotEmpty();
      }
      if (responses.has("503")) {
        soft.assertThat(responses.at("/503/headers/Retry-After").isMissingNode())
            .as(op + " 503 Retry-After")
            .isFalse();
      }
      responses
          .properties()
          .forEach(
              r ->
                  soft.assertThat(r.getValue().path("content").has("*/*"))
                      .as(op + " " + r.getKey() + " names its media type")
                      .isFalse());
    }
    soft.assertThat(
            typesOf(
                doc.at("/paths/~1v1~1events/post/responses/409/content/application~1problem+json")))
        .contains("https://journeys.dev/problems/event-id-conflict");
    soft.assertThat(
            typesOf(
                doc.at("/paths/~1v1~1events/post/responses/503/content/application~1problem+json")))
        .contains("https://journeys.dev/problems/events-not-delivered");
    // the events' answer is documented as its own schema, not as the webhooks' Result
    soft.assertThat(
            resolve(doc.at("/components/schemas/IngestResponse/properties/results/items"))
                .path("properties")
                .has("eventId"))
        .isTrue();
    soft.assertAll();
  }

  /** Every problem type URI the code writes is one the document names, and no other. */
  @Test
  @Order(2)
  void theDocumentedProblemTypesAreTheOnesTheCodeWrites() throws Exception {
    Set<String> written = new TreeSet<>();
    Pattern uri = Pattern.compile("https://journeys\\.dev/problems/[a-z0-9-]+");
    try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (source.toString().contains("openapi")) {
          continue; // the registry itself
        }
        uri.matcher(Files.readString(source)).results().forEach(m -> written.add(m.group()));
      }
    }
    Set<String> documented = new TreeSet<>();
    for (var op : operations()) {
      op.node
          .path("responses")
          .forEach(
              r -> documented.addAll(typesOf(r.path("content").path("application/problem+json"))));
    }
    documented.remove("about:blank");
    assertThat(written).isNotEmpty();
    assertThat(documented).isEqualTo(written);
  }

  /** What the document says about keys is what the API enforces. */
  @Test
  @Order(3)
  void theScopesInTheDocumentAreTheOnesTheApiEnforces() throws Exception {
    String eventsKey = createKey("contract-events", "events:write");
    String operatorKey = createKey("contract-operator", "operator");
    var soft = new SoftAssertions();
    for (var op : operations()) {
      JsonNode security = op.node.path("security");
      List<String> scopes = new ArrayList<>();
      op.node.path("x-required-scopes").forEach(s -> scopes.add(s.asText()));
      String path = concretePath(op, Map.of());
      String body = firstRequestExample(op);
      String type = requestMediaType(op);
      if (security.isArray() && security.isEmpty()) {
        var anonymous = send(op.method, path, body, type, null);
        soft.assertThat(problemType(anonymous))
            .as(op + " is public: no key needed")
            .isNotEqualTo("https://journeys.dev/problems/unauthenticated");
        soft.assertThat(problemType(anonymous))
            .as(op + " is public: no scope needed")
            .isNotEqualTo("https://journeys.dev/problems/insufficient-scope");
        continue;
      }
      soft.assertThat(security.at("/0/apiKey")).as(op + " names the key scheme").isNotNull();
      soft.assertThat(json.convertValue(security.at("/0/apiKey"), List.class).equals(scopes))
          .as(op + " security lists its scopes")
          .isTrue();
      var anonymous = send(op.method, path, body, type, null);
      soft.assertThat(anonymous.statusCode()).as(op + " without a key").isEqualTo(401);
      String other = scopes.contains("events:write") ? operatorKey : eventsKey;
      var refused = send(op.method, path, body, type, other);
      soft.assertThat(refused.statusCode()).as(op + " with a key lacking its scope").isEqualTo(403);
      if (refused.statusCode() == 403) {
        List<String> named = new ArrayList<>();
        json.readTree(refused.body()).path("requiredScopes").forEach(s -> named.add(s.asText()));
        soft.assertThat(named).as(op + ": the scopes the API's 403 names").isEqualTo(scopes);
      }
    }
    soft.assertAll();
  }

  /**
   * Every example fits its schema (requests, success responses, problems), and every request
   * example, sent in a sensible order (create before change before read), is answered with the
   * operation's success status; the API's real answer fits the documented schema too.
   */
  @Test
  @Order(4)
  void everyExampleFitsItsSchemaAndTheApiAcceptsEveryRequestExample() throws Exception {
    var soft = new SoftAssertions();
    int sent = 0;
    for (var op : operations()) {
      String success = successStatus(op);
      JsonNode requestMedia = op.node.path("requestBody").path("content");
      for (var media : requestMedia.properties()) {
        for (var example : media.getValue().path("examples").properties()) {
          soft.assertThat(
                  violations(media.getValue().path("schema"), example.getValue().path("value")))
              .as(op + " request example '" + example.getKey() + "' (" + media.getKey() + ")")
              .isEmpty();
        }
      }
      for (var response : op.node.path("responses").properties()) {
        for (var media : response.getValue().path("content").properties()) {
          for (var example : media.getValue().path("examples").properties()) {
            soft.assertThat(
                    violations(media.getValue().path("schema"), example.getValue().path("value")))
                .as(op + " " + response.getKey() + " example '" + example.getKey() + "'")
                .isEmpty();
          }
        }
      }
      JsonNode examples = requestMedia.path(requestMediaType(op)).path("examples");
      if (op.node.has("requestBody")) {
        soft.assertThat(examples.isEmpty()).as(op + " has request examples").isFalse();
      }
      if (op.node.has("requestBody")
          && !op.node.path("responses").path(success).path("content").isMissingNode()) {
        soft.assertThat(
                op.node
                    .path("responses")
                    .path(success)
                    .path("content")
                    .path("application/json")
                    .path("examples")
                    .isEmpty())
            .as(op + " has a response example")
            .isFalse();
      }
      for (var example : examples.properties()) {
        String body = json.writeValueAsString(example.getValue().path("value"));
        var answer =
            send(
                op.method,
                concretePath(op, Map.of()),
                body,
                requestMediaType(op),
                TestApiKeys.ADMIN_KEY);
        sent++;
        int expected = ANSWERED_OTHERWISE.getOrDefault(op.key(), Integer.parseInt(success));
        soft.assertThat(answer.statusCode())
            .as(op + " example '" + example.getKey() + "': " + answer.body())
            .isEqualTo(expected);
        soft.assertThat(op.node.path("responses").has(String.valueOf(answer.statusCode())))
            .as(op + " answered a documented status")
            .isTrue();
        JsonNode schema =
            op.node.at(
                "/responses/"
                    + answer.statusCode()
                    + "/content/"
                    + (answer.statusCode() < 300
                        ? "application~1json"
                        : "application~1problem+json")
                    + "/schema");
        if (!schema.isMissingNode() && !answer.body().isEmpty()) {
          soft.assertThat(violations(schema, withoutNulls(json.readTree(answer.body()))))
              .as(op + " the API's answer to '" + example.getKey() + "' fits the schema")
              .isEmpty();
        }
      }
    }
    assertThat(sent).as("request examples sent").isGreaterThanOrEqualTo(15);
    soft.assertAll();
  }

  /**
   * A path parameter's pattern and length are the API's: a value at the longest allowed length is
   * not refused for it, one character more or a character outside the charset is a 400 naming the
   * parameter. Runs last: it sends changes with valid values too.
   */
  @Test
  @Order(5)
  void pathParameterPatternsAreTheOnesTheApiEnforces() throws Exception {
    var soft = new SoftAssertions();
    int checked = 0;
    for (var op : operations()) {
      for (JsonNode parameter : op.node.path("parameters")) {
        JsonNode schema = parameter.path("schema");
        if (!parameter.path("in").asText().equals("path")
            || !(schema.has("pattern") || schema.has("enum"))) {
          continue;
        }
        String name = parameter.path("name").asText();
        String example = parameter.path("example").asText();
        List<String> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (schema.has("pattern")) {
          Pattern pattern = Pattern.compile(schema.path("pattern").asText());
          int max = schema.path("maxLength").asInt();
          soft.assertThat(max).as(op + " " + name + " maxLength").isPositive();
          String longest = String.valueOf(example.charAt(0)).repeat(max);
          valid.add(example);
          valid.add(longest);
          invalid.add(longest + example.charAt(0));
          invalid.add(example + "~");
          invalid.add(example + "!");
          valid.forEach(v -> soft.assertThat(pattern.matcher(v).find()).as(v).isTrue());
          invalid.forEach(v -> soft.assertThat(pattern.matcher(v).find()).as(v).isFalse());
        } else {
          schema.path("enum").forEach(v -> valid.add(v.asText()));
          invalid.add("fax");
        }
        for (String value : valid) {
          var answer = sendWith(op, name, value);
          soft.assertThat(refusedFor(answer, name))
              .as(op + " " + name + "=" + value + " is valid: " + answer.body())
              .isFalse();
        }
        for (String value : invalid) {
          var answer = sendWith(op, name, value);
          soft.assertThat(answer.statusCode()).as(op + " " + name + "=" + value).isEqualTo(400);
          soft.assertThat(refusedFor(answer, name))
              .as(op + " " + name + "=" + value + " is refused for " + name + ": " + answer.body())
              .isTrue();
        }
        checked++;
      }
    }
    assertThat(checked).as("path parameters with a pattern or enum").isGreaterThanOrEqualTo(20);
    soft.assertAll();
  }

  private HttpResponse<String> sendWith(Op op, String name, String value) throws Exception {
    return send(
        op.method,
        concretePath(op, Map.of(name, value)),
        firstRequestExample(op),
        requestMediaType(op),
        TestApiKeys.ADMIN_KEY);
  }

  private boolean refusedFor(HttpResponse<String> answer, String name) throws Exception {
    if (answer.statusCode() != 400) {
      return false;
    }
    for (JsonNode error : json.readTree(answer.body()).path("errors")) {
      if (error.path("field").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  // --- the document

  private record Op(String method, String path, JsonNode node) {
    String key() {
      return method.toUpperCase() + " " + path;
    }

    @Override
    public String toString() {
      return key();
    }
  }

  /** Every operation, creations before changes before reads before deletions. */
  private List<Op> operations() {
    List<Op> ops = new ArrayList<>();
    doc.path("paths")
        .properties()
        .forEach(
            p ->
                p.getValue()
                    .properties()
                    .forEach(
                        m -> {
                          if (METHODS.contains(m.getKey())) {
                            ops.add(new Op(m.getKey(), p.getKey(), m.getValue()));
                          }
                        }));
    ops.sort(Comparator.comparing((Op o) -> METHODS.indexOf(o.method)).thenComparing(Op::path));
    assertThat(ops).hasSizeGreaterThan(30);
    return ops;
  }

  private static String successStatus(Op op) {
    return iterable(op.node.path("responses").fieldNames()).stream()
        .filter(s -> s.startsWith("2"))
        .findFirst()
        .orElseThrow();
  }

  private String concretePath(Op op, Map<String, String> values) {
    String path = op.path;
    List<String> query = new ArrayList<>();
    for (JsonNode parameter : op.node.path("parameters")) {
      String name = parameter.path("name").asText();
      String value = values.getOrDefault(name, parameter.path("example").asText(null));
      if (parameter.path("in").asText().equals("path")) {
        assertThat(value).as(op + " example of path parameter " + name).isNotNull();
        path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
      } else if (parameter.path("in").asText().equals("query") && value != null) {
        query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return query.isEmpty() ? path : path + "?" + String.join("&", query);
  }

  private String requestMediaType(Op op) {
    var types = op.node.path("requestBody").path("content").fieldNames();
    return types.hasNext() ? types.next() : null;
  }

  private String firstRequestExample(Op op) throws Exception {
    String type = requestMediaType(op);
    if (type == null) {
      return null;
    }
    var examples = op.node.path("requestBody").path("content").path(type).path("examples");
    var first = examples.elements();
    return first.hasNext() ? json.writeValueAsString(first.next().path("value")) : "{}";
  }

  private static Set<String> typesOf(JsonNode problemMedia) {
    Set<String> types = new HashSet<>();
    for (JsonNode part : problemMedia.path("schema").path("allOf")) {
      part.path("properties").path("type").path("enum").forEach(t -> types.add(t.asText()));
    }
    return types;
  }

  private JsonNode resolve(JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    return ref.startsWith("#/") ? doc.at(ref.substring(1)) : schema;
  }

  /** What the schema (with the document's components for its references) finds wrong. */
  private Set<String> violations(JsonNode schema, JsonNode value) {
    ObjectNode root = schema.deepCopy() instanceof ObjectNode o ? o : json.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", doc.path("components"));
    var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    Set<String> problems = new TreeSet<>();
    factory.getSchema(root, config).validate(value).forEach(m -> problems.add(m.getMessage()));
    return problems;
  }

  /** The API writes absent values as null; the document leaves them out. */
  private static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      var names = new ArrayList<String>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (object.get(name).isNull()) {
          object.remove(name);
        } else {
          withoutNulls(object.get(name));
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(OpenApiContractTest::withoutNulls);
    }
    return node;
  }

  private String problemType(HttpResponse<String> response) {
    try {
      return json.readTree(response.body()).path("type").asText();
    } catch (Exception notJson) {
      return "";
    }
  }

  private String createKey(String name, String scope) throws Exception {
    var created =
        send(
            "POST",
            "/v1/admin/api-keys",
            "{\"name\":\"" + name + "\",\"scopes\":[\"" + scope + "\"]}",
            "application/json",
            TestApiKeys.ADMIN_KEY);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body()).path("key").asText();
  }

  private HttpResponse<String> send(
      String method, String path, String body, String contentType, String key) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null && contentType != null) {
      request.header("Content-Type", contentType);
      request.method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody());
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static <T> List<T> iterable(java.util.Iterator<T> items) {
    List<T> list = new ArrayList<>();
    items.forEachRemaining(list::add);
    return list;
  }

  @SuppressWarnings("unused")
  private static Map<String, String> none() {
    return new LinkedHashMap<>();
  }
}
