package dev.journeys.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./journeys faults [fault ...]}: starts the real system as separate processes, runs a
 * steady load of journeys, injects the chosen faults one after another (the three provider faults
 * together, on separate phone ranges), waits for the journeys to settle and audits ledger against
 * sinks. Exit 0 when the audit finds nothing the documented semantics forbid, 1 when it does, 2 on
 * a bad command line, 3 when the suite itself could not run or overran its bound.
 */
public final class FaultSuite {

  private static final Logger log = LoggerFactory.getLogger(FaultSuite.class);

  /** A cohort's first journeys are under way when its fault strikes. */
  private static final Duration LEAD_IN = Duration.ofSeconds(5);

  /** Polls while waiting for the journeys to settle. */
  private static final Duration POLL = Duration.ofSeconds(5);

  /** No ledger or sink change for this long, with no fault timer running: nothing more comes. */
  private static final Duration QUIET = Duration.ofSeconds(45);

  /** After the wait: a provider that holds a request (15 s) may still accept it. */
  private static final Duration HANG_GRACE = Duration.ofSeconds(16);

  /** Kept free at the end of the bound for the audit and the report. */
  private static final Duration AUDIT_RESERVE = Duration.ofSeconds(30);

  private FaultSuite() {}

  public static void main(String[] args) {
    Instant started = Instant.now();
    SuiteOptions options;
    try {
      options = SuiteOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("journeys faults: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path runDir = runDirectory();
    System.out.println(
        "Fault suite: "
            + options.faults().stream().map(Fault::cliName).toList()
            + ", "
            + options.journeysPerFault()
            + " journeys per fault; logs and state in "
            + runDir);
    Thread watchdog = hardLimit(options.budget().plus(Duration.ofSeconds(90)));
    int exit;
    try (Stack stack = Stack.start(runDir, options, jar("worker"), jar("api"))) {
      exit = run(stack, options, started);
    } catch (RuntimeException e) {
      log.error("The fault suite could not run: {}", e.getMessage(), e);
      exit = 3;
    }
    watchdog.interrupt();
    System.exit(exit);
  }

  private static int run(Stack stack, SuiteOptions options, Instant started) {
    Instant hardEnd = started.plus(options.budget()).minus(AUDIT_RESERVE);
    ApiClient api = new ApiClient(stack.api().baseUrl(), Stack.ADMIN_API_KEY);
    LoadGenerator load = new LoadGenerator(api);
    Findings findings = new Findings();
    findings.note(
        "stack up %.0f s after start".formatted(seconds(Duration.between(started, Instant.now()))));
    for (List<Fault> phase : phases(options.faults())) {
      if (Instant.now().plus(options.loadWindow()).isAfter(hardEnd)) {
        phase.forEach(f -> findings.violation(f, "not run: the suite's time bound was reached"));
        continue;
      }
      Instant phaseStart = Instant.now();
      phase.forEach(f -> load.launch(f, options.journeysPerFault(), options.loadWindow()));
      Pause.of(LEAD_IN);
      for (Fault fault : phase) {
        log.info("Injecting {}: {}", fault.cliName(), fault.description());
        try {
          FaultInjector.of(fault, options, api).inject(stack, findings);
        } catch (RuntimeException e) {
          log.error("Injecting {} failed", fault.cliName(), e);
          findings.violation(fault, "the injection itself failed: " + e.getMessage());
        }
      }
      Pause.of(Duration.between(Instant.now(), phaseStart.plus(options.loadWindow())));
    }
    load.awaitClients(Duration.between(Instant.now(), hardEnd));

    Audit audit = new Audit(stack);
    // wait for every expected message to settle: at least --settle, and on while a journey that
    // is not settled yet still runs (it may still send: a retry after a lost attempt, a timer),
    // up to the suite's bound; stop early once nothing changes and nothing unsettled runs
    Instant lastChance = hardEnd.minus(HANG_GRACE);
    Instant settleEnd = min(Instant.now().plus(options.settle()), lastChance);
    Audit.Result result = audit.run(load.planned(), Set.of());
    int signature = signature(stack);
    Instant lastChange = Instant.now();
    while (!result.settled() && Instant.now().isBefore(lastChance)) {
      Pause.of(POLL);
      result = audit.run(load.planned(), Set.of());
      int now = signature(stack);
      if (now != signature) {
        signature = now;
        lastChange = Instant.now();
      }
      boolean quiet =
          Instant.now().isAfter(max(stack.sms().faultsOverBy(), lastChange.plus(QUIET)));
      if ((quiet || Instant.now().isAfter(settleEnd)) && !result.settled()) {
        long running = stillRunning(stack, result.unsettled());
        if (running == 0) {
          log.info(
              "{} journey(s) not settled and none of them running: done waiting",
              result.unsettled().size());
          break;
        }
        log.info(
            "{} journey(s) not settled, {} of them still running: waiting",
            result.unsettled().size(),
            running);
      }
    }
    // a hanging provider may still accept a message the worker gave up on
    Pause.of(HANG_GRACE);
    result = audit.run(load.planned(), FailedWorkflows.list(stack.temporalAddress()));
    options.faults().stream()
        .filter(Fault::isProviderFault)
        .forEach(f -> ProviderFault.checkExercised(f, stack, findings));
    findings.note(
        "sinks received %d mails and %d SMS (%d SMS accepted after a hang); %d SMS refused"
            .formatted(
                stack.mail().receivedMessages().length,
                stack.sms().received().size(),
                stack.sms().received().stream().filter(FaultySmsSink.Received::afterHang).count(),
                stack.sms().refused()));
    Duration wall = Duration.between(started, Instant.now());
    if (wall.compareTo(options.budget()) > 0) {
      findings.violation("the suite overran its bound of " + options.budget());
    }
    Report.print(System.out, result.rows(), findings, result.settled(), wall, options.budget());
    boolean pass =
        findings.violations().isEmpty() && result.rows().stream().allMatch(Audit.Row::passes);
    System.out.println(pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
  }

  /** The selected faults in suite order; the provider faults share one phase. */
  static List<List<Fault>> phases(Set<Fault> selected) {
    List<List<Fault>> phases = new ArrayList<>();
    List<Fault> providers = new ArrayList<>();
    for (Fault fault : Fault.values()) {
      if (!selected.contains(fault)) {
        continue;
      }
      if (fault.isProviderFault()) {
        if (providers.isEmpty()) {
          phases.add(providers);
        }
        providers.add(fault);
      } else {
        phases.add(List.of(fault));
      }
    }
    return phases;
  }

  /** How many of {@code journeys} have an enrollment still running; a failed query counts all. */
  private static long stillRunning(Stack stack, List<LoadGenerator.Planned> journeys) {
    Set<String> running;
    try {
      running = FailedWorkflows.running(stack.temporalAddress());
    } catch (RuntimeException e) {
      log.warn("Could not list running workflows: {}", e.getMessage());
      return journeys.size();
    }
    return journeys.stream()
        .filter(j -> !j.finished || running.stream().anyMatch(id -> Audit.isOf(id, j)))
        .count();
  }

  /** Changes whenever the ledger or a sink does. */
  private static int signature(Stack stack) {
    return java.util.Objects.hash(
        LedgerSignature.of(stack.jdbcUrl()),
        stack.mail().receivedMessages().length,
        stack.sms().received().size(),
        stack.sms().refused());
  }

  private static Path jar(String module) {
    Path target = Path.of(module, "target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("journeys-" + module + "-.*-exec\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no "
                          + module
                          + "/target/journeys-"
                          + module
                          + "-*-exec.jar: run ./mvnw -DskipTests package first"));
    } catch (IOException e) {
      throw new IllegalStateException("no " + target + ": run ./mvnw -DskipTests package first", e);
    }
  }

  private static Path runDirectory() {
    try {
      Path parent = Path.of("faults", "target");
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent.toAbsolutePath(), "run-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last resort if something hangs: the child processes die with us (shutdown hooks). */
  private static Thread hardLimit(Duration limit) {
    return Thread.ofPlatform()
        .daemon()
        .name("fault-suite-hard-limit")
        .start(
            () -> {
              try {
                Thread.sleep(limit);
              } catch (InterruptedException done) {
                return;
              }
              System.err.println("journeys faults: still running after " + limit + "; aborting");
              System.exit(3);
            });
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
