package dev.journeys.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Refusals as RFC 9457 problem details: 401 without a (valid) key, 403 when the key lacks the
 * endpoint's scope. They happen in the filter chain, before any controller advice could.
 */
class SecurityProblems
    implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

  static final URI UNAUTHENTICATED = URI.create("https://journeys.dev/problems/unauthenticated");
  static final URI INSUFFICIENT_SCOPE =
      URI.create("https://journeys.dev/problems/insufficient-scope");

  private final ObjectMapper json;

  SecurityProblems(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    Object rejection = request.getAttribute(ApiKeyAuthenticationFilter.REJECTED);
    boolean rejected = rejection != null;
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNAUTHORIZED,
            rejected
                ? rejection.toString()
                : "this endpoint needs an API key: Authorization: Bearer <key>");
    problem.setType(UNAUTHENTICATED);
    problem.setTitle("Unauthenticated");
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE,
        rejected
            ? "Bearer realm=\"journeys\", error=\"invalid_token\""
            : "Bearer realm=\"journeys\"");
    write(response, problem);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    var needed = ScopeRule.required(request);
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.FORBIDDEN,
            needed.isEmpty()
                ? "no API key may call this endpoint"
                : "the API key lacks the scope this endpoint needs: " + names(needed));
    problem.setType(INSUFFICIENT_SCOPE);
    problem.setTitle("Forbidden");
    if (!needed.isEmpty()) {
      problem.setProperty("requiredScopes", needed.stream().map(Scope::value).toList());
      response.setHeader(
          HttpHeaders.WWW_AUTHENTICATE,
          "Bearer realm=\"journeys\", error=\"insufficient_scope\", scope=\""
              + names(needed).replace(",", "")
              + "\"");
    }
    write(response, problem);
  }

  /**
   * The methods the firewall lets through (StrictHttpFirewall's default set, which this API keeps):
   * every other method is refused before any endpoint is looked up.
   */
  static final List<String> ALLOWED_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /**
   * A request the firewall refuses: a method it does not let through (TRACE, or an unknown one) is
   * 405 naming the methods the API accepts; a URL it refuses (an encoded slash, a NUL, path
   * traversal) is 400.
   */
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    if (!ALLOWED_METHODS.contains(request.getMethod())) {
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.METHOD_NOT_ALLOWED,
              "the method "
                  + printable(request.getMethod())
                  + " is not supported; the API accepts "
                  + String.join(", ", ALLOWED_METHODS)
                  + " (each endpoint a subset of them)");
      problem.setTitle("Method not allowed");
      response.setHeader(HttpHeaders.ALLOW, String.join(", ", ALLOWED_METHODS));
      write(response, problem);
      return;
    }
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "the URL contains characters or sequences that are not allowed (such as an encoded"
                + " slash)");
    problem.setType(URI.create("https://journeys.dev/problems/invalid-request"));
    problem.setTitle("Invalid request");
    write(response, problem);
  }

  /** A method name as sent, cut short and without control characters, for the problem's text. */
  private static String printable(String method) {
    String shown = method.length() > 20 ? method.substring(0, 20) + "…" : method;
    return shown.replaceAll("[^\\x21-\\x7e…]", "?");
  }

  private static String names(Collection<Scope> scopes) {
    return scopes.stream().map(Scope::value).collect(Collectors.joining(", "));
  }

  private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
