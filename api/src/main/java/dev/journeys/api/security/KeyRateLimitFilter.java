package dev.journeys.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an authenticated key's requests beyond its rate with 429, {@code Retry-After} and problem
 * details. Anonymous requests (health, the unsubscribe link, webhooks) are not counted here: they
 * are either cheap or verified by signature.
 */
class KeyRateLimitFilter extends OncePerRequestFilter {

  static final URI TOO_MANY = URI.create("https://journeys.dev/problems/rate-limited");

  private final KeyRateLimiter limiter;
  private final ObjectMapper json;

  KeyRateLimitFilter(KeyRateLimiter limiter, ObjectMapper json) {
    this.limiter = limiter;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof ApiKeyAuthenticationFilter.ApiKeyAuthentication key) {
      var decision = limiter.take(key.getPrincipal().keyId());
      if (!decision.allowed()) {
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        var problem =
            ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS,
                "the API key '"
                    + key.getPrincipal().name()
                    + "' sent more requests than its rate allows; retry after "
                    + seconds
                    + " s");
        problem.setType(TOO_MANY);
        problem.setTitle("Too many requests");
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
