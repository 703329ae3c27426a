package dev.journeys.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** SIGKILL to the worker or the API, then a restart of the same jar on the same port. */
final class ProcessKill implements FaultInjector {

  private final Fault fault;
  private final Function<Stack, AppProcess> target;

  ProcessKill(Fault fault, Function<Stack, AppProcess> target) {
    this.fault = fault;
    this.target = target;
  }

  @Override
  public void inject(Stack stack, Findings findings) {
    AppProcess app = target.apply(stack);
    long oldPid = app.pid();
    long pending = LedgerSignature.pending(stack.jdbcUrl());
    Instant killed = Instant.now();
    app.kill();
    app.start();
    app.awaitHealthy(Stack.APP_START_TIMEOUT);
    findings.note(
        fault,
        "%s pid %d SIGKILLed with %d send(s) PENDING in the ledger; pid %d healthy %.1f s later"
            .formatted(
                app.name(),
                oldPid,
                pending,
                app.pid(),
                Duration.between(killed, Instant.now()).toMillis() / 1000.0));
  }
}
