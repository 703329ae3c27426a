package dev.journeys.api;

import dev.journeys.event.CustomerEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sits on the API's Temporal client in tests: counts signal and signal-with-start calls made while
 * the calling thread has a database transaction (and so holds a connection), can make each call
 * slow, as a remote Temporal is, and can fail calls for a customer with a gRPC status.
 */
public class TemporalProbe extends WorkflowClientInterceptorBase {

  /** Calls made while a transaction was open on the calling thread. */
  public final AtomicInteger callsInTransaction = new AtomicInteger();

  /** Calls begun. */
  public final AtomicInteger calls = new AtomicInteger();

  /** The event ids that calls carried, in the order the calls began (failed ones too). */
  public final List<String> eventIds = Collections.synchronizedList(new ArrayList<>());

  private volatile Duration latency = Duration.ZERO;

  /** Runs before a signal-with-start carrying an event reaches Temporal. */
  public volatile Consumer<CustomerEvent> beforeSignalWithStart = event -> {};

  /** Runs after Temporal answered a signal carrying an event: no such running workflow. */
  public volatile Consumer<CustomerEvent> afterSignalNotFound = event -> {};

  private final Map<String, Status> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

  public void latency(Duration latency) {
    this.latency = latency;
  }

  /** Fails the next {@code times} calls carrying an event of the customer with the status. */
  public void fail(String customerId, Status status, int times) {
    failures.put(customerId, status);
    failuresLeft.put(customerId, new AtomicInteger(times));
  }

  public void reset() {
    latency = Duration.ZERO;
    beforeSignalWithStart = event -> {};
    afterSignalNotFound = event -> {};
    failures.clear();
    failuresLeft.clear();
    calls.set(0);
    callsInTransaction.set(0);
    eventIds.clear();
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new WorkflowClientCallsInterceptorBase(next) {
      @Override
      public WorkflowSignalOutput signal(WorkflowSignalInput input) {
        observe(input.getArguments());
        try {
          return super.signal(input);
        } catch (RuntimeException e) {
          // below the stub Temporal's NOT_FOUND may still be a gRPC status
          boolean notRunning =
              e instanceof WorkflowNotFoundException
                  || (e instanceof StatusRuntimeException s
                      && s.getStatus().getCode() == Status.Code.NOT_FOUND);
          if (notRunning && first(input.getArguments()) instanceof CustomerEvent event) {
            afterSignalNotFound.accept(event);
          }
          throw e;
        }
      }

      @Override
      public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
        observe(input.getSignalArguments());
        if (first(input.getSignalArguments()) instanceof CustomerEvent event) {
          beforeSignalWithStart.accept(event);
        }
        return super.signalWithStart(input);
      }
    };
  }

  private static Object first(Object[] arguments) {
    return arguments == null || arguments.length == 0 ? null : arguments[0];
  }

  private void observe(Object[] arguments) {
    calls.incrementAndGet();
    if (arguments != null && arguments.length > 0 && arguments[0] instanceof CustomerEvent e) {
      eventIds.add(e.eventId());
    }
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      callsInTransaction.incrementAndGet();
    }
    if (arguments != null
        && arguments.length > 0
        && arguments[0] instanceof CustomerEvent event
        && failures.containsKey(event.customerId())
        && failuresLeft.get(event.customerId()).getAndDecrement() > 0) {
      throw new StatusRuntimeException(failures.get(event.customerId()));
    }
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
