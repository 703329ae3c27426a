package dev.journeys.api;

import io.grpc.Context;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One deadline for all the Temporal calls of a request: an event can need several (describe, then
 * signal-with-start, per journey), and bounding each alone would still let their sum exceed what a
 * client waits. The gRPC context deadline caps every call and the SDK's retries of it, so a request
 * with Temporal lost is answered 503 within the budget and gives its database connection back.
 */
@Component
public class TemporalRequestBudget extends OncePerRequestFilter implements DisposableBean {

  private final Duration budget;
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("temporal-request-deadline").factory());

  public TemporalRequestBudget(
      @Value("${journeys.api.temporal-request-budget:8s}") Duration budget) {
    this.budget = budget;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Context.CancellableContext bounded =
        Context.current().withDeadlineAfter(budget.toMillis(), TimeUnit.MILLISECONDS, deadlines);
    Context previous = bounded.attach();
    try {
      chain.doFilter(request, response);
    } finally {
      bounded.detach(previous);
      bounded.cancel(null);
    }
  }

  @Override
  public void destroy() {
    deadlines.shutdownNow();
  }
}
