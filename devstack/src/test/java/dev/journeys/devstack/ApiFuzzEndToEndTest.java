package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schemathesis fuzzes the running API from its own OpenAPI document ({@code /v3/api-docs}): valid
 * and invalid requests generated for every operation, bounded in examples and time. With the admin
 * key no request may answer 5xx; without a key every protected operation answers 401. Skipped when
 * schemathesis is not installed ({@code .ci/run} installs it; see README, "Tests").
 */
class ApiFuzzEndToEndTest {

  /** Paths the API serves without a key: links recipients click and signed provider callbacks. */
  private static final String PUBLIC_PATHS = "^/v1/(unsubscribe|webhooks/)";

  /**
   * Per run. The document's examples add schemathesis's examples phase and its enums and patterns
   * more coverage cases: about 4 minutes on a loaded shared machine, so 4 left no margin.
   */
  private static final Duration AT_MOST = Duration.ofMinutes(7);

  private static Schemathesis schemathesis;
  private static RunningStack stack;
  private static Path reports;
  private static Path openApi;

  /** Why the tests skip, or null; checked per test, so that the reports carry the reason. */
  private static String missing;

  @BeforeAll
  static void startTheSystem() throws Exception {
    schemathesis = Schemathesis.locate().orElse(null);
    if (schemathesis == null) {
      missing =
          "schemathesis is not installed (./.ci/run installs "
              + Schemathesis.PINNED_VERSION
              + " into ~/.cache/journeys, or pip install schemathesis=="
              + Schemathesis.PINNED_VERSION
              + ", or set SCHEMATHESIS): the API fuzz run needs it";
      return;
    }
    reports = Files.createDirectories(Path.of("target", "schemathesis").toAbsolutePath());
    stack =
        RunningStack.start(
            api -> {
              // the fuzzer sends hundreds of requests a second with one key: no 429 in its way
              api.put("journeys.security.rate-limit.per-second", "100000");
              api.put("journeys.security.rate-limit.burst", "100000");
            },
            (worker, apiUrl) -> {});
    // read once here: the first request renders the document, slower than schemathesis waits
    var document = stack.get("/v3/api-docs");
    assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
    openApi = Files.writeString(reports.resolve("openapi.json"), document.body());
  }

  @BeforeEach
  void needsSchemathesis() {
    Assumptions.assumeTrue(missing == null, missing);
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void withTheAdminKeyNoRequestIsAServerError() throws Exception {
    var run =
        fuzz(
            "admin",
            List.of(
                "--header",
                "Authorization: Bearer " + RunningStack.ADMIN_KEY,
                "--checks",
                "not_a_server_error"));

    assertThat(run.exitCode()).as(run.summary()).isZero();
    // every operation of the document was exercised, not none of them
    assertThat(run.output()).contains("Tested: " + operations(path -> true));
  }

  @Test
  void withoutAKeyEveryProtectedOperationAnswers401() throws Exception {
    var run =
        fuzz(
            "anonymous",
            List.of(
                "--exclude-path-regex",
                PUBLIC_PATHS,
                "--checks",
                "not_a_server_error,unauthorized_without_a_key"));

    assertThat(run.exitCode()).as(run.summary()).isZero();
    assertThat(run.output())
        .contains(
            "Tested: " + operations(path -> !Pattern.compile(PUBLIC_PATHS).matcher(path).find()));
  }

  /** How many operations the OpenAPI document has on paths {@code included} accepts. */
  private static int operations(Predicate<String> included) throws Exception {
    JsonNode paths = new ObjectMapper().readTree(openApi.toFile()).path("paths");
    int count = 0;
    for (var path : paths.properties()) {
      if (included.test(path.getKey())) {
        count += path.getValue().size();
      }
    }
    assertThat(count).as("operations in " + openApi).isPositive();
    return count;
  }

  private static Schemathesis.Run fuzz(String name, List<String> arguments) throws Exception {
    var all = new ArrayList<String>();
    all.add(openApi.toString());
    all.add("--url");
    all.add(stack.apiUrl().toString());
    all.addAll(arguments);
    all.addAll(
        List.of(
            "--max-examples",
            "25",
            "--seed",
            "20261123",
            "--workers",
            "2",
            "--request-timeout",
            "20",
            "--report",
            "junit",
            "--report-dir",
            reports.resolve(name).toString()));
    return schemathesis.run(all, reports.resolve(name + ".log"), AT_MOST);
  }
}
