package dev.journeys.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL stopped and restarted on the same data directory; then, as soon as the API serves from
 * the database again, Temporal is lost. While Temporal is down the API must answer every event with
 * 503 within 10 s (the sender retries; nothing is recorded) and never hang; afterwards it must
 * serve again without a restart, on the connection pool and Temporal client it had.
 */
final class PostgresRestart implements FaultInjector {

  static final Duration POSTGRES_DOWN_FOR = Duration.ofSeconds(10);
  static final Duration TEMPORAL_DOWN_FOR = Duration.ofSeconds(20);
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
  static final Duration RECOVER_WITHIN = Duration.ofSeconds(60);

  private static final Fault FAULT = Fault.POSTGRES_RESTART;
  private final ApiClient api;
  private final AtomicInteger probes = new AtomicInteger();

  PostgresRestart(ApiClient api) {
    this.api = api;
  }

  @Override
  public void inject(Stack stack, Findings findings) {
    long apiPid = stack.api().pid();
    long workerPid = stack.worker().pid();
    Instant stopped = Instant.now();
    stack.stopPostgres();
    Pause.of(POSTGRES_DOWN_FOR);
    stack.startPostgres();
    Instant restarted = Instant.now();
    findings.note(
        FAULT, "PostgreSQL down %.1f s".formatted(seconds(Duration.between(stopped, restarted))));

    // the API reads from the database again on its existing pool
    Duration dbBack = awaitStatus(() -> api.send("GET", "/v1/suppressions", null, "probe db"), 200);
    if (dbBack == null) {
      findings.violation(
          FAULT,
          "API did not serve a database read within "
              + RECOVER_WITHIN.toSeconds()
              + " s of PostgreSQL's restart");
    } else {
      findings.note(
          FAULT, "API served a database read %.1f s after the restart".formatted(seconds(dbBack)));
    }

    // Temporal lost right after: probe the API once a second while it is down
    Instant temporalStopped = Instant.now();
    stack.stopTemporal();
    List<Thread> probing = new ArrayList<>();
    List<Probe> probes = java.util.Collections.synchronizedList(new ArrayList<>());
    while (Duration.between(temporalStopped, Instant.now()).compareTo(TEMPORAL_DOWN_FOR) < 0) {
      probing.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    Instant start = Instant.now();
                    int status = api.send("POST", "/v1/events", probeEvent(), "probe temporal");
                    probes.add(new Probe(start, Instant.now(), status));
                  }));
      Pause.of(Duration.ofSeconds(1));
    }
    Instant temporalRestarting = Instant.now();
    stack.startTemporal();
    for (Thread probe : probing) {
      try {
        probe.join(ApiClient.HANG.plusSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    Duration temporalBack =
        awaitStatus(() -> api.send("POST", "/v1/events", probeEvent(), "probe back"), 202);
    judgeOutageAnswers(findings, List.copyOf(probes), temporalRestarting);
    judgeLoadDuring(findings, temporalStopped, temporalRestarting);
    if (temporalBack == null) {
      findings.violation(
          FAULT,
          "API did not accept events within "
              + RECOVER_WITHIN.toSeconds()
              + " s of Temporal's restart");
    } else {
      findings.note(
          FAULT,
          "API accepted events again %.1f s after Temporal restarted"
              .formatted(seconds(temporalBack)));
    }
    if (stack.api().pid() != apiPid || stack.worker().pid() != workerPid) {
      findings.violation(FAULT, "the API or worker process was replaced during the fault");
    }
  }

  /** One probe of the API while Temporal was down: when it was sent and answered, and how. */
  record Probe(Instant start, Instant end, int status) {
    Duration took() {
      return Duration.between(start, end);
    }
  }

  /**
   * Every probe is answered within 10 s. One answered while Temporal was still down must be 503;
   * one still in flight when Temporal's restart began may also have been accepted (202): the API
   * retried its Temporal call within the request's budget and Temporal was back.
   */
  static List<String> judgeOutageAnswers(List<Probe> probes, Instant temporalRestarting) {
    List<String> breaches = new ArrayList<>();
    for (Probe probe : probes) {
      boolean answeredDuringOutage = probe.end().isBefore(temporalRestarting);
      boolean allowed = probe.status() == 503 || (!answeredDuringOutage && probe.status() == 202);
      if (!allowed || probe.took().compareTo(ANSWER_WITHIN) > 0) {
        breaches.add(
            "%s after %.1f s%s"
                .formatted(
                    statusName(probe.status()),
                    seconds(probe.took()),
                    answeredDuringOutage ? "" : " (answered after Temporal's restart began)"));
      }
    }
    return breaches;
  }

  private void judgeOutageAnswers(
      Findings findings, List<Probe> probes, Instant temporalRestarting) {
    Duration max = probes.stream().map(Probe::took).max(Duration::compareTo).orElse(Duration.ZERO);
    long straddling = probes.stream().filter(p -> !p.end().isBefore(temporalRestarting)).count();
    findings.note(
        FAULT,
        "Temporal down %d s: %d probes (%d answered after its restart began), answers %s, slowest %.1f s"
            .formatted(
                TEMPORAL_DOWN_FOR.toSeconds(),
                probes.size(),
                straddling,
                probes.stream()
                    .map(p -> statusName(p.status()))
                    .distinct()
                    .sorted()
                    .reduce((a, b) -> a + "," + b)
                    .orElse("-"),
                seconds(max)));
    List<String> breaches = judgeOutageAnswers(probes, temporalRestarting);
    if (!breaches.isEmpty()) {
      findings.violation(
          FAULT,
          "%d of %d requests during the Temporal outage were not answered 503 within 10 s: %s"
              .formatted(breaches.size(), probes.size(), String.join("; ", breaches)));
    }
  }

  /** The load's own requests started while Temporal was down must not hang either. */
  private void judgeLoadDuring(Findings findings, Instant from, Instant to) {
    var during =
        api.samples().stream()
            .filter(s -> !s.what().startsWith("probe"))
            .filter(s -> !s.start().isBefore(from) && s.start().isBefore(to))
            .toList();
    long slow = during.stream().filter(s -> s.took().compareTo(ANSWER_WITHIN) > 0).count();
    if (slow > 0) {
      findings.violation(
          FAULT,
          "%d of %d load requests started during the Temporal outage took over 10 s"
              .formatted(slow, during.size()));
    }
  }

  static String statusName(int status) {
    return switch (status) {
      case ApiClient.TIMED_OUT -> "no answer in " + ApiClient.HANG.toSeconds() + " s";
      case ApiClient.UNREACHABLE -> "connection failed";
      default -> String.valueOf(status);
    };
  }

  private String probeEvent() {
    int n = probes.incrementAndGet();
    // a customer no journey can message (no profile): the probe must not add to the audit
    return """
        {"eventId":"probe-%d","customerId":"probe-%d","type":"customer_signed_up",\
        "occurredAt":"%s","properties":{}}"""
        .formatted(n, n, Instant.now());
  }

  /** Polls until {@code request} answers {@code wanted}; the time it took, or null. */
  private static Duration awaitStatus(java.util.function.IntSupplier request, int wanted) {
    Instant start = Instant.now();
    while (Duration.between(start, Instant.now()).compareTo(RECOVER_WITHIN) < 0) {
      if (request.getAsInt() == wanted) {
        return Duration.between(start, Instant.now());
      }
      Pause.of(Duration.ofMillis(500));
    }
    return null;
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
