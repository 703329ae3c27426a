package dev.journeys.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
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

  /** A URL the firewall refuses (an encoded slash, a NUL, path traversal): 400. */
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "the URL contains characters or sequences that are not allowed (such as an encoded"
                + " slash)");
    problem.setType(URI.create("https://journeys.dev/problems/invalid-request"));
    problem.setTitle("Invalid request");
    write(response, problem);
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
