package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * At least 60 distinct malformed requests: each is answered 4xx with problem details, and neither
 * the database nor Temporal is touched by any of them.
 */
@Import(BadInputCorpusTest.TemporalCalls.class)
class BadInputCorpusTest extends ApiTestSupport {

  /** Counts every call the API makes to Temporal that would start or signal a workflow. */
  @TestConfiguration
  static class TemporalCalls {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Bean
    WorkflowClientInterceptor countingTemporalCalls() {
      return new WorkflowClientInterceptorBase() {
        @Override
        public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
            WorkflowClientCallsInterceptor next) {
          return new WorkflowClientCallsInterceptorBase(next) {
            @Override
            public WorkflowStartOutput start(WorkflowStartInput input) {
              CALLS.incrementAndGet();
              return super.start(input);
            }

            @Override
            public WorkflowSignalOutput signal(WorkflowSignalInput input) {
              CALLS.incrementAndGet();
              return super.signal(input);
            }

            @Override
            public WorkflowSignalWithStartOutput signalWithStart(
                WorkflowSignalWithStartInput input) {
              CALLS.incrementAndGet();
              return super.signalWithStart(input);
            }
          };
        }
      };
    }
  }

  private record Bad(String name, String method, String path, String contentType, byte[] body) {}

  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<Bad> corpus = new ArrayList<>();

  @Test
  void everyMalformedRequestIsA4xxProblemAndChangesNothing() throws Exception {
    var ada =
        sendJson(
            org.springframework.http.HttpMethod.PUT,
            "/v1/customers/ada",
            """
            {"email":"ada@shop.test","phone":"+15551234567","timeZone":"Europe/Berlin",
             "locale":"en","firstName":"Ada","attributes":{"tier":"vip"},
             "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"}]}""");
    assertThat(ada.getStatusCode().value()).isEqualTo(200);
    corpus();
    Map<String, Long> rowsBefore = rowCounts();
    String profileBefore = http.getForObject("/v1/customers/ada", String.class);
    int temporalBefore = TemporalCalls.CALLS.get();

    var soft = new SoftAssertions();
    for (Bad bad : corpus) {
      var response = send(bad);
      String type = response.headers().firstValue("Content-Type").orElse("");
      soft.assertThat(response.statusCode())
          .as("%s: %s %s -> %s", bad.name(), bad.method(), bad.path(), response.body())
          .isBetween(400, 499);
      soft.assertThat(type)
          .as("%s: %s %s -> %s", bad.name(), bad.method(), bad.path(), response.body())
          .startsWith("application/problem+json");
    }
    soft.assertAll();

    assertThat(corpus).hasSizeGreaterThanOrEqualTo(60);
    assertThat(corpus.stream().map(Bad::name).distinct()).hasSameSizeAs(corpus);
    assertThat(rowCounts()).isEqualTo(rowsBefore);
    assertThat(json.readTree(http.getForObject("/v1/customers/ada", String.class)))
        .isEqualTo(json.readTree(profileBefore));
    assertThat(TemporalCalls.CALLS.get()).isEqualTo(temporalBefore);
  }

  @Test
  void theCountersSeeWhatAValidRequestDoes() throws Exception {
    // the same instruments register a valid request, so their silence above means something
    sendJson(
        org.springframework.http.HttpMethod.PUT,
        "/v1/customers/eve",
        "{\"email\":\"eve@shop.test\",\"timeZone\":\"Europe/Berlin\"}");
    Map<String, Long> before = rowCounts();
    int temporalBefore = TemporalCalls.CALLS.get();

    var accepted =
        send(
            new Bad(
                "valid",
                "POST",
                "/v1/events",
                "application/json",
                event("\"customerId\":\"eve\"").getBytes(StandardCharsets.UTF_8)));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(TemporalCalls.CALLS.get()).isGreaterThan(temporalBefore);
    assertThat(rowCounts()).isNotEqualTo(before);
  }

  private void corpus() {
    // events
    json("truncated JSON", "POST", "/v1/events", "{\"eventId\":");
    json("empty batch", "POST", "/v1/events", "[]");
    json("oversized batch", "POST", "/v1/events", batch(501));
    json("a string body", "POST", "/v1/events", "\"event\"");
    json("a null body", "POST", "/v1/events", "null");
    json("no eventId", "POST", "/v1/events", event("\"customerId\":\"ada\"", "eventId"));
    json("no customerId", "POST", "/v1/events", event("", "customerId"));
    json("customerId with slash", "POST", "/v1/events", event("\"customerId\":\"a/b\""));
    json("customerId with space", "POST", "/v1/events", event("\"customerId\":\"a b\""));
    json("customerId with BEL", "POST", "/v1/events", event("\"customerId\":\"a\\u0007b\""));
    json("customerId with NUL escape", "POST", "/v1/events", event("\"customerId\":\"a\\u0000b\""));
    json(
        "property with NUL escape",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("59.90", "59\\u00009"));
    raw(
        "raw NUL byte",
        "POST",
        "/v1/events",
        "application/json",
        event("\"customerId\":\"a\u0000b\"").getBytes(StandardCharsets.UTF_8));
    json(
        "customerId too long",
        "POST",
        "/v1/events",
        event("\"customerId\":\"" + "a".repeat(201) + "\""));
    json("customerId non-ASCII", "POST", "/v1/events", event("\"customerId\":\"cafe\\u0301\""));
    json("customerId a number", "POST", "/v1/events", event("\"customerId\":42"));
    json(
        "unknown event type",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("cart_abandoned", "cart_exploded"));
    json("no type", "POST", "/v1/events", event("\"customerId\":\"ada\"", "type"));
    json("no occurredAt", "POST", "/v1/events", event("\"customerId\":\"ada\"", "occurredAt"));
    json(
        "occurredAt not a date",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("2026-11-23T10:00:00Z", "yesterday"));
    json(
        "occurredAt in year 275760",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("2026-11-23T10:00:00Z", "+275760-09-13T00:00:00Z"));
    json(
        "occurredAt in 1970",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("2026-11-23T10:00:00Z", "1970-01-01T00:00:00Z"));
    json(
        "occurredAt in 2100",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("2026-11-23T10:00:00Z", "2100-01-01T00:00:00Z"));
    json(
        "properties an array",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("{\"cartTotal\":\"59.90\"}", "[1,2]"));
    json("orderId with slash", "POST", "/v1/events", order("\"o/1\""));
    json("orderId an object", "POST", "/v1/events", order("{\"id\":1}"));
    json("orderId with space", "POST", "/v1/events", order("\"o 1\""));
    json("orderId blank", "POST", "/v1/events", order("\" \""));
    json(
        "duplicate key",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\",\"customerId\":\"bob\""));
    json(
        "nesting 100 deep",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"")
            .replace(
                "{\"cartTotal\":\"59.90\"}", "{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}"));
    json(
        "a 2,000-digit number",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("\"59.90\"", "1" + "0".repeat(2000)));
    json(
        "body over the size limit",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("59.90", "x".repeat(3 * 1024 * 1024)));
    raw(
        "text/plain body",
        "POST",
        "/v1/events",
        "text/plain",
        event("\"customerId\":\"ada\"").getBytes(StandardCharsets.UTF_8));
    json(
        "one bad event in a batch",
        "POST",
        "/v1/events",
        "[" + event("\"customerId\":\"ada\"") + "," + event("\"customerId\":\"a/b\"") + "]");
    json(
        "eventId an object",
        "POST",
        "/v1/events",
        event("\"customerId\":\"ada\"").replace("\"e-1\"", "{}"));
    json("event an array of strings", "POST", "/v1/events", "[\"a\",\"b\"]");

    // profiles
    String profile = "\"email\":\"ada@shop.test\",\"timeZone\":\"Europe/Berlin\"";
    json(
        "PUT with a typo'd field",
        "PUT",
        "/v1/customers/ada",
        "{\"email\":\"x@shop.test\",\"timezone\":\"UTC\"}");
    json(
        "PUT invalid phone",
        "PUT",
        "/v1/customers/ada",
        "{" + profile + ",\"phone\":\"0171 555\"}");
    json("PUT unknown time zone", "PUT", "/v1/customers/ada", "{\"timeZone\":\"Mars/Olympus\"}");
    json("PUT invalid email", "PUT", "/v1/customers/ada", "{\"email\":\"not-an-address\"}");
    json("PUT id with space", "PUT", "/v1/customers/a%20b", "{" + profile + "}");
    json("PUT id too long", "PUT", "/v1/customers/" + "a".repeat(201), "{" + profile + "}");
    json("PUT id with encoded slash", "PUT", "/v1/customers/a%2Fb", "{" + profile + "}");
    json("PUT id non-ASCII", "PUT", "/v1/customers/caf%C3%A9", "{" + profile + "}");
    json(
        "PUT unknown consent channel",
        "PUT",
        "/v1/customers/ada",
        "{\"consents\":[{\"channel\":\"PIGEON\",\"topic\":\"MARKETING\",\"status\":\"GRANTED\"}]}");
    json(
        "PUT consent with unknown field",
        "PUT",
        "/v1/customers/ada",
        "{\"consents\":[{\"channel\":\"EMAIL\",\"topic\":\"MARKETING\",\"stauts\":\"DENIED\"}]}");
    json(
        "PUT duplicate email key",
        "PUT",
        "/v1/customers/ada",
        "{\"email\":\"a@shop.test\",\"email\":\"b@shop.test\"}");
    json(
        "PUT 101 attributes",
        "PUT",
        "/v1/customers/ada",
        "{\"attributes\":" + attributes(101) + "}");
    json(
        "PUT NUL in first name",
        "PUT",
        "/v1/customers/ada",
        "{" + profile + ",\"firstName\":\"A\\u0000\"}");
    json("PUT an array", "PUT", "/v1/customers/ada", "[" + "{" + profile + "}]");
    json(
        "PUT invalid region",
        "PUT",
        "/v1/customers/ada",
        "{" + profile + ",\"region\":\"Florida\"}");
    json(
        "PUT unknown preferred channel",
        "PUT",
        "/v1/customers/ada",
        "{" + profile + ",\"preferredChannel\":\"PIGEON\"}");
    json("PATCH with a typo'd field", "PATCH", "/v1/customers/ada", "{\"timezone\":\"UTC\"}");
    json("PATCH not an object", "PATCH", "/v1/customers/ada", "[1]");
    json("PATCH invalid locale", "PATCH", "/v1/customers/ada", "{\"locale\":\"english\"}");
    json("PATCH an unknown customer", "PATCH", "/v1/customers/nobody", "{\"firstName\":\"N\"}");
    json("PATCH invalid phone", "PATCH", "/v1/customers/ada", "{\"phone\":\"12\"}");
    json(
        "PATCH an unknown time zone",
        "PATCH",
        "/v1/customers/ada",
        "{\"timeZone\":\"Europe/Atlantis\"}");
    json("messages limit 0", "GET", "/v1/customers/ada/messages?limit=0", null);
    json("messages limit not a number", "GET", "/v1/customers/ada/messages?limit=abc", null);
    json("NUL in the query", "GET", "/v1/customers/ada?x=%00", null);

    // consent
    json("consent patch empty", "PATCH", "/v1/customers/ada/consents", "[]");
    json("consent status MAYBE", "PATCH", "/v1/customers/ada/consents", "[{\"status\":\"MAYBE\"}]");
    json(
        "consent unknown topic",
        "PUT",
        "/v1/customers/ada/consents/EMAIL/GOSSIP",
        "{\"status\":\"DENIED\"}");
    json(
        "consent bad source",
        "PATCH",
        "/v1/customers/ada/consents?source=Not%20Valid",
        "[{\"status\":\"DENIED\"}]");
    json(
        "consent for an unknown customer",
        "PUT",
        "/v1/customers/nobody/consents/EMAIL/MARKETING",
        "{\"status\":\"DENIED\"}");

    // suppressions
    json(
        "suppression invalid email",
        "POST",
        "/v1/suppressions",
        "{\"channel\":\"EMAIL\",\"address\":\"nope\"}");
    json(
        "suppression unknown channel",
        "POST",
        "/v1/suppressions",
        "{\"channel\":\"PIGEON\",\"address\":\"a@b.c\"}");
    json(
        "suppression note too long",
        "POST",
        "/v1/suppressions",
        "{\"channel\":\"EMAIL\",\"address\":\"a@shop.test\",\"note\":\"" + "n".repeat(501) + "\"}");
    json("suppression list limit 5000", "GET", "/v1/suppressions?limit=5000", null);
    json("suppression delete unknown channel", "DELETE", "/v1/suppressions/PIGEON/x", null);

    // templates
    String sms = "\"channel\":\"SMS\",\"locale\":\"en\",\"text\":\"Hi {{firstName}}\"";
    json(
        "template version with a typo'd field",
        "POST",
        "/v1/templates/welcome/versions",
        "{" + sms + ",\"hmtl\":\"<p>\"}");
    json(
        "email template without subject",
        "POST",
        "/v1/templates/welcome/versions",
        "{\"channel\":\"EMAIL\",\"locale\":\"en\",\"text\":\"Hi\"}");
    json(
        "template that does not compile",
        "POST",
        "/v1/templates/welcome/versions",
        "{\"channel\":\"SMS\",\"locale\":\"en\",\"text\":\"{{#open}}never closed\"}");
    json("template key with capitals", "POST", "/v1/templates/Bad%20Key/versions", "{" + sms + "}");
    json(
        "preview for a customer id with slash",
        "POST",
        "/v1/templates/welcome/preview",
        "{\"channel\":\"SMS\",\"customerId\":\"a/b\"}");

    // experiments, products, keys
    json(
        "experiment won by the hold-out",
        "POST",
        "/v1/experiments/cart-last-call-channel/decision",
        "{\"winner\":\"holdout\"}");
    json(
        "experiment name with capitals",
        "POST",
        "/v1/experiments/Bad/decision",
        "{\"winner\":\"sms\"}");
    json(
        "subscription customer id with space",
        "POST",
        "/v1/products/p-1/subscriptions",
        "{\"customerId\":\"a b\"}");
    json("restock without id", "POST", "/v1/products/p-1/restocks", "{\"productName\":\"Tea\"}");
    json("product id with space", "POST", "/v1/products/p%201/restocks", "{\"restockId\":\"r-1\"}");
    json(
        "api key with an unknown scope",
        "POST",
        "/v1/admin/api-keys",
        "{\"name\":\"k\",\"scopes\":[\"root\"]}");
    json(
        "api key with an unknown field",
        "POST",
        "/v1/admin/api-keys",
        "{\"name\":\"k\",\"scopes\":[\"operator\"],\"admin\":true}");
  }

  private void json(String name, String method, String path, String body) {
    raw(
        name,
        method,
        path,
        "application/json",
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  private void raw(String name, String method, String path, String contentType, byte[] body) {
    corpus.add(new Bad(name, method, path, contentType, body));
  }

  private static String event(String customer, String... without) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("eventId", "\"eventId\":\"e-1\"");
    fields.put("customerId", customer);
    fields.put("type", "\"type\":\"cart_abandoned\"");
    fields.put("occurredAt", "\"occurredAt\":\"2026-11-23T10:00:00Z\"");
    fields.put("properties", "\"properties\":{\"cartTotal\":\"59.90\"}");
    for (String field : without) {
      fields.remove(field);
    }
    var parts = new LinkedHashSet<>(fields.values());
    parts.remove("");
    return "{" + String.join(",", parts) + "}";
  }

  private static String order(String orderId) {
    return "{\"eventId\":\"o-1\",\"customerId\":\"ada\",\"type\":\"order_placed\","
        + "\"occurredAt\":\"2026-11-23T10:00:00Z\",\"properties\":{\"orderId\":"
        + orderId
        + "}}";
  }

  private static String batch(int size) {
    var events = new ArrayList<String>();
    for (int i = 0; i < size; i++) {
      events.add(event("\"customerId\":\"ada\"").replace("\"e-1\"", "\"e-" + i + "\""));
    }
    return "[" + String.join(",", events) + "]";
  }

  private static String attributes(int count) {
    var entries = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      entries.add("\"a" + i + "\":" + i);
    }
    return "{" + String.join(",", entries) + "}";
  }

  private HttpResponse<String> send(Bad bad) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + bad.path()))
            .header("Authorization", "Bearer " + TestApiKeys.ADMIN_KEY)
            .method(
                bad.method(),
                bad.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(bad.body()));
    if (bad.contentType() != null && bad.body() != null) {
      request.header("Content-Type", bad.contentType());
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        jdbc.sql(
                "select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'"
                    + " order by table_name")
            .query(String.class)
            .list()) {
      counts.put(
          table, jdbc.sql("select count(*) from \"" + table + "\"").query(Long.class).single());
    }
    return counts;
  }
}
