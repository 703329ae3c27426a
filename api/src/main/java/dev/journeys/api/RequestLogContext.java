package dev.journeys.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Names the customer a request is about ({@code /v1/customers/{id}/...}) in the logging context, so
 * every line written while serving it carries {@code customerId}. Event deliveries add the workflow
 * and journey themselves ({@code EventSignalMetrics}).
 */
@Component
public class RequestLogContext extends OncePerRequestFilter {

  static final String CUSTOMER_ID = "customerId";

  private static final Pattern CUSTOMER_PATH = Pattern.compile("^/v1/customers/([^/]+)");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var matcher = CUSTOMER_PATH.matcher(request.getRequestURI());
    if (!matcher.find()) {
      chain.doFilter(request, response);
      return;
    }
    try (var c = MDC.putCloseable(CUSTOMER_ID, decoded(matcher.group(1)))) {
      chain.doFilter(request, response);
    }
  }

  /** The id as the controller sees it; a malformed escape is the controller's to reject. */
  private static String decoded(String segment) {
    try {
      return UriUtils.decode(segment, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return segment;
    }
  }
}
