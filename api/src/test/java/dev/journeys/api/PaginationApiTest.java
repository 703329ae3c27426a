package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Every keyset-paginated list over HTTP: a next page is linked exactly when more rows follow (a
 * list of exactly {@code limit} rows has no empty last page), and a cursor that is malformed,
 * altered or from another list is a 400 problem.
 */
// walks every list page by page with one key: no 429 in the way on a fast machine
@TestPropertySource(
    properties = {
      "journeys.security.rate-limit.per-second=100000",
      "journeys.security.rate-limit.burst=100000"
    })
class PaginationApiTest extends ApiTestSupport {

  @Autowired JdbcClient jdbc;

  /** A paginated list: its first page's path (without limit) and how to give it a few rows. */
  record PagedList(String name, String path, Consumer<PaginationApiTest> fill) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> lists() {
    return Stream.of(
            new PagedList("ledger", "/v1/customers/led/messages", t -> t.ledgerRows("led")),
            new PagedList(
                "consent history",
                "/v1/customers/con/consents/history",
                t -> t.consentChanges("con")),
            new PagedList(
                "enrollments", "/v1/customers/enr/enrollments", t -> t.enrollments("enr")),
            new PagedList("suppressions", "/v1/suppressions", PaginationApiTest::suppressions),
            new PagedList(
                "template versions",
                "/v1/templates/paged-note/versions",
                t -> t.templateVersions("paged-note")))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void aPageIsFollowedByALinkOnlyWhenMoreRowsFollow(PagedList list) throws Exception {
    list.fill().accept(this);
    var all = get(list.path() + "?limit=100");
    assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
    int n = json.readTree(all.getBody()).size();
    assertThat(n).as("rows in %s", list).isGreaterThanOrEqualTo(3);

    // exactly limit rows: one page, no link to an empty one
    var exact = get(list.path() + "?limit=" + n);
    assertThat(json.readTree(exact.getBody())).hasSize(n);
    assertThat(exact.getHeaders().getFirst("Link")).isNull();
    assertThat(exact.getHeaders().getFirst("X-Next-Cursor")).isNull();

    // one row more than a page: a link, and the last page holds that row and no link
    var first = get(list.path() + "?limit=" + (n - 1));
    assertThat(json.readTree(first.getBody())).hasSize(n - 1);
    String link = first.getHeaders().getFirst("Link");
    assertThat(link).endsWith(">; rel=\"next\"");
    String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    assertThat(next).contains("cursor=" + first.getHeaders().getFirst("X-Next-Cursor"));
    var last = http.getForEntity(URI.create(next), String.class);
    assertThat(last.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(last.getBody())).hasSize(1);
    assertThat(last.getHeaders().getFirst("Link")).isNull();
    assertThat(last.getHeaders().getFirst("X-Next-Cursor")).isNull();

    // page by page, the same rows in the same order as all at once
    assertThat(walk(list.path() + "?limit=2")).isEqualTo(rows(all.getBody()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void aCursorThatIsNotThisListsIsA400Problem(PagedList list) throws Exception {
    list.fill().accept(this);
    String cursor = get(list.path() + "?limit=1").getHeaders().getFirst("X-Next-Cursor");
    assertThat(cursor).isNotNull();
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);

    List<String> bad = new ArrayList<>();
    bad.add("not-a-cursor!");
    bad.add(cursor.substring(0, cursor.length() - 1)); // cut short
    bad.add(cursor + "="); // padded
    bad.add(encode("some-other-list" + text.substring(text.indexOf('|')))); // another list's
    bad.add(encode(text.substring(0, text.lastIndexOf('|')))); // a field missing
    bad.add(encode(text + "\u0000")); // a NUL, which PostgreSQL refuses
    bad.add(encode(text.replaceFirst("\\|[^|]*", "|x"))); // its first field not a number/channel
    for (String other : cursorsOfOtherLists(list)) {
      bad.add(other);
    }
    for (String b : bad) {
      var response = get(list.path() + "?cursor=" + b);
      assertThat(response.getStatusCode()).as("cursor %s", b).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getHeaders().getContentType())
          .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(json.readTree(response.getBody()).at("/errors/0/field").asText())
          .isEqualTo("cursor");
    }
    assertThat(get(list.path() + "?limit=0").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void templateVersionsArePagedByChannelLocaleAndNewestVersion() throws Exception {
    templateVersions("ordered-note");

    List<String> walked = walk("/v1/templates/ordered-note/versions?limit=1");

    assertThat(walked)
        .containsExactly(
            "{\"channel\":\"EMAIL\",\"locale\":\"en\",\"version\":1}",
            "{\"channel\":\"SMS\",\"locale\":\"de\",\"version\":2}",
            "{\"channel\":\"SMS\",\"locale\":\"de\",\"version\":1}",
            "{\"channel\":\"SMS\",\"locale\":\"en\",\"version\":1}");
    assertThat(get("/v1/templates/no-such-note/versions").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theOpenApiDocumentDescribesTheTemplateVersionsPaging() throws Exception {
    JsonNode operation =
        json.readTree(get("/v3/api-docs").getBody())
            .at("/paths/~1v1~1templates~1{key}~1versions/get");

    assertThat(operation.at("/parameters").findValuesAsText("name"))
        .contains("key", "limit", "cursor");
    JsonNode limit = null;
    for (JsonNode p : operation.at("/parameters")) {
      if (p.path("name").asText().equals("limit")) {
        limit = p;
      }
    }
    assertThat(limit.at("/schema/maximum").asInt()).isEqualTo(500);
    assertThat(limit.at("/schema/minimum").asInt()).isEqualTo(1);
    assertThat(operation.at("/responses/200/headers").has("Link")).isTrue();
    assertThat(operation.at("/responses/200/headers").has("X-Next-Cursor")).isTrue();
    assertThat(operation.at("/responses/400/content").has("application/problem+json")).isTrue();
  }

  /** The next-page cursors of the other lists, each to be refused by this one. */
  private List<String> cursorsOfOtherLists(PagedList list) {
    List<String> cursors = new ArrayList<>();
    lists()
        .map(a -> (PagedList) a.get()[0])
        .filter(other -> !other.name().equals(list.name()))
        .forEach(
            other -> {
              other.fill().accept(this);
              String c = get(other.path() + "?limit=1").getHeaders().getFirst("X-Next-Cursor");
              assertThat(c).as("a cursor of %s", other).isNotNull();
              cursors.add(c);
            });
    return cursors;
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private ResponseEntity<String> get(String path) {
    return http.getForEntity(path, String.class);
  }

  /** Each row as its JSON text, or for template versions its key. */
  private List<String> rows(String body) throws Exception {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : json.readTree(body)) {
      rows.add(
          row.has("version") && row.has("locale")
              ? "{\"channel\":\"%s\",\"locale\":\"%s\",\"version\":%d}"
                  .formatted(
                      row.get("channel").asText(),
                      row.get("locale").asText(),
                      row.get("version").asInt())
              : row.toString());
    }
    return rows;
  }

  /** Follows the Link headers from the first page to the last, collecting the rows. */
  private List<String> walk(String first) throws Exception {
    List<String> rows = new ArrayList<>();
    String url = first;
    int pages = 0;
    while (url != null) {
      ResponseEntity<String> page =
          url.startsWith("http")
              ? http.getForEntity(URI.create(url), String.class)
              : http.getForEntity(url, String.class);
      assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
      List<String> these = rows(page.getBody());
      assertThat(these).isNotEmpty(); // never an empty page
      rows.addAll(these);
      String link = page.getHeaders().getFirst("Link");
      url = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      assertThat(++pages).isLessThan(20);
    }
    return rows;
  }

  // the rows of each list, created once per customer or key (the lists' tests share a database)

  private void ledgerRows(String customer) {
    for (int i = 0; i < 4; i++) {
      jdbc.sql(
              """
              insert into message_ledger (idempotency_key, customer_id, channel, topic,
                  message_key, status, created_at)
              values (:key, :customer, 'EMAIL', 'MARKETING', 'welcome', 'SENT',
                  timestamptz '2026-11-01 10:00:00+00' + make_interval(mins => :i / 2))
              on conflict do nothing""")
          .param("key", customer + "-" + i)
          .param("customer", customer)
          .param("i", i)
          .update();
    }
  }

  private void consentChanges(String customer) {
    if (get("/v1/customers/" + customer).getStatusCode() == HttpStatus.OK) {
      return;
    }
    assertThat(
            sendJson(
                    HttpMethod.PUT,
                    "/v1/customers/" + customer,
                    """
                    {"email":"%s@shop.test",
                     "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"}]}"""
                        .formatted(customer))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    for (String status : List.of("DENIED", "GRANTED", "DENIED")) {
      assertThat(
              sendJson(
                      HttpMethod.PUT,
                      "/v1/customers/" + customer + "/consents/EMAIL/REVIEWS",
                      "{\"status\":\"" + status + "\"}")
                  .getStatusCode())
          .isEqualTo(HttpStatus.OK);
    }
  }

  private void enrollments(String customer) {
    for (int i = 0; i < 3; i++) {
      // ended enrollments: a running one's state is asked of Temporal
      jdbc.sql(
              """
              insert into journey_enrollment (enrollment_id, journey, version, customer_id,
                  entered_at, ended_at, outcome)
              values (:id, 'welcome-series', 1, :customer,
                  timestamptz '2026-11-01 10:00:00+00' + make_interval(mins => :i / 2),
                  timestamptz '2026-11-02 10:00:00+00', 'COMPLETED')
              on conflict do nothing""")
          .param("id", "welcome-series/" + customer + "/" + i)
          .param("customer", customer)
          .param("i", i)
          .update();
    }
  }

  private static void suppressions(PaginationApiTest t) {
    if (t.get("/v1/suppressions").getBody().contains("paged0@shop.test")) {
      return;
    }
    for (int i = 0; i < 3; i++) {
      assertThat(
              t.sendJson(
                      HttpMethod.POST,
                      "/v1/suppressions",
                      "{\"channel\":\"EMAIL\",\"address\":\"paged" + i + "@shop.test\"}")
                  .getStatusCode())
          .isEqualTo(HttpStatus.CREATED);
    }
  }

  private void templateVersions(String key) {
    if (get("/v1/templates/" + key + "/versions").getStatusCode() == HttpStatus.OK) {
      return;
    }
    for (String body :
        List.of(
            "{\"channel\":\"SMS\",\"locale\":\"de\",\"text\":\"Hallo {{customer.firstName}}\"}",
            "{\"channel\":\"SMS\",\"locale\":\"en\",\"text\":\"Hi {{customer.firstName}}\"}",
            "{\"channel\":\"SMS\",\"locale\":\"de\",\"text\":\"Hallo again\"}",
            "{\"channel\":\"EMAIL\",\"locale\":\"en\",\"subject\":\"Hi\",\"text\":\"Hi\"}")) {
      assertThat(
              sendJson(HttpMethod.POST, "/v1/templates/" + key + "/versions", body).getStatusCode())
          .as(body)
          .isEqualTo(HttpStatus.CREATED);
    }
  }
}
