package dev.journeys.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** The table the suite ends with, then what explains its numbers, then the verdict. */
final class Report {

  private Report() {}

  static void print(
      PrintStream out,
      List<Audit.Row> rows,
      Findings findings,
      boolean settled,
      Duration wallTime,
      Duration budget) {
    String format = "%-17s %9s %9s %10s %11s %5s %10s %9s  %s%n";
    out.println();
    out.println("Fault suite: ledger and provider sinks, counted by idempotency key");
    out.println();
    out.printf(
        format,
        "fault",
        "journeys",
        "expected",
        "delivered",
        "duplicates",
        "lost",
        "uncertain",
        "not sent",
        "verdict");
    for (Audit.Row row : rows) {
      out.printf(
          format,
          row.fault().cliName(),
          row.journeys() + (row.journeysFailed() > 0 ? " (" + row.journeysFailed() + "F)" : ""),
          row.expected(),
          row.delivered(),
          row.duplicates()
              + (row.allowedDuplicates() > 0 ? " +" + row.allowedDuplicates() + "ok" : ""),
          row.lost(),
          row.uncertain(),
          row.notSent(),
          row.passes() ? "ok" : "FAIL");
    }
    out.println();
    out.println(
        "journeys: accepted by the API ((nF) = workflows that ended failed). duplicates: extra"
            + " deliveries the semantics forbid (+n ok: same key, transactional resend). not sent:"
            + " recorded FAILED/SUPPRESSED, journey went on.");
    for (Audit.Row row : rows) {
      if (row.details().isEmpty()) {
        continue;
      }
      out.println();
      out.println(row.fault().cliName() + ":");
      row.details().forEach(line -> out.println("  " + line));
    }
    out.println();
    out.println("Measured during the faults:");
    findings.notes().forEach(line -> out.println("  " + line));
    if (!findings.violations().isEmpty()) {
      out.println();
      out.println("Violations:");
      findings.violations().forEach(line -> out.println("  ! " + line));
    }
    out.println();
    if (!settled) {
      out.println("Not every expected message had settled when the suite stopped waiting.");
    }
    out.printf(
        "Wall time %d:%02d (bound %d:%02d)%n",
        wallTime.toMinutes(), wallTime.toSecondsPart(), budget.toMinutes(), budget.toSecondsPart());
  }
}
