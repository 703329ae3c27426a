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
 *
 * <p>5 s by default, half of the 10 s in which a sender must have its 503: the rest of the request
 * (authentication, the event's transaction, the answer) takes seconds too on a loaded machine; with
 * 8 s the fault suite saw 503s after 10.4 to 11.2 s.
 */
@Component
public class TemporalRequestBudget extends OncePerRequestFilter implements DisposableBean {

  private final Duration budget;
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("temporal-request-deadline").factory());

  public TemporalRequestBudget(
      @Value("${journeys.api.temporal-request-budget:5s}") Duration budget) {
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
