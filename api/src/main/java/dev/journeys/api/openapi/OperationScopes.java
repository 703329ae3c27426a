package dev.journeys.api.openapi;

import static dev.journeys.api.security.Scope.ADMIN;
import static dev.journeys.api.security.Scope.CUSTOMERS_READ;
import static dev.journeys.api.security.Scope.CUSTOMERS_WRITE;
import static dev.journeys.api.security.Scope.EVENTS_WRITE;
import static dev.journeys.api.security.Scope.OPERATOR;
import static dev.journeys.api.security.Scope.TEMPLATES_WRITE;

import dev.journeys.api.security.Scope;
import java.util.List;
import java.util.Optional;
import org.springframework.util.AntPathMatcher;

/**
 * The scopes each operation needs, as the document states them: the rules of {@code
 * ApiSecurityConfiguration} in its order, first match wins (an empty list: public). It is a mirror
 * for the document, not the rule: {@code OpenApiContractTest} asks the running API, for every
 * operation, which scopes its 403 names (and that a public one needs no key), and fails when the
 * two disagree.
 */
final class OperationScopes {

  private OperationScopes() {}

  /** Any method. */
  private static final String ANY = "*";

  private record Rule(String method, String pattern, List<Scope> scopes) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule("GET", "/v1/unsubscribe", List.of()),
          new Rule("POST", "/v1/unsubscribe", List.of()),
          new Rule("POST", "/v1/webhooks/sms/inbound", List.of()),
          new Rule("POST", "/v1/webhooks/*/status", List.of()),
          new Rule("GET", "/v1/webhooks/meta/status", List.of()),
          new Rule(ANY, "/v1/enrollments/**", List.of(OPERATOR)),
          new Rule(ANY, "/v1/customers/*/enrollments/**", List.of(OPERATOR)),
          new Rule("POST", "/v1/events", List.of(EVENTS_WRITE)),
          new Rule("GET", "/v1/events/batches/*", List.of(EVENTS_WRITE)),
          new Rule("GET", "/v1/customers/**", List.of(CUSTOMERS_READ)),
          new Rule("PUT", "/v1/customers/**", List.of(CUSTOMERS_WRITE)),
          new Rule("PATCH", "/v1/customers/**", List.of(CUSTOMERS_WRITE)),
          new Rule("DELETE", "/v1/customers/**", List.of(CUSTOMERS_WRITE)),
          new Rule("POST", "/v1/products/*/subscriptions", List.of(CUSTOMERS_WRITE)),
          new Rule("POST", "/v1/templates/*/preview", List.of(TEMPLATES_WRITE, CUSTOMERS_READ)),
          new Rule("GET", "/v1/templates/*/versions", List.of(TEMPLATES_WRITE)),
          new Rule("POST", "/v1/templates/*/versions", List.of(TEMPLATES_WRITE)),
          new Rule("POST", "/v1/templates/*/publish", List.of(TEMPLATES_WRITE)),
          new Rule("POST", "/v1/products/*/restocks", List.of(OPERATOR)),
          new Rule(ANY, "/v1/suppressions", List.of(OPERATOR)),
          new Rule(ANY, "/v1/suppressions/**", List.of(OPERATOR)),
          new Rule(ANY, "/v1/experiments/**", List.of(OPERATOR)),
          new Rule("GET", "/v1/journeys/*/funnel", List.of(OPERATOR)),
          new Rule("GET", "/v1/journeys/*/funnel.html", List.of(OPERATOR)),
          new Rule("POST", "/codec/encode", List.of(OPERATOR)),
          new Rule("POST", "/codec/decode", List.of(OPERATOR)),
          new Rule(ANY, "/v1/admin/**", List.of(ADMIN)));

  private static final AntPathMatcher PATHS = new AntPathMatcher();

  /**
   * The scopes the operation needs, empty if it is public; absent if no rule covers it (the API
   * refuses it to every key).
   */
  static Optional<List<Scope>> of(String method, String path) {
    // a path variable stands for one segment; the matcher would read {id} as a variable too
    String concrete = path.replaceAll("\\{[^}/]+}", "x");
    return RULES.stream()
        .filter(r -> r.method.equals(ANY) || r.method.equalsIgnoreCase(method))
        .filter(r -> PATHS.match(r.pattern, concrete))
        .findFirst()
        .map(Rule::scopes);
  }
}
