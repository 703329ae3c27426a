package dev.journeys.faults;

import dev.journeys.devstack.TemporalCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids of journey workflows that ended failed, timed out or terminated, asked of Temporal with
 * the pinned CLI: an enrollment that ends that way sends nothing more, which the audit reports. And
 * of those still running, which may still send: the suite waits for them to settle.
 */
final class FailedWorkflows {

  private static final Pattern WORKFLOW_ID =
      Pattern.compile("\"workflowId\"\\s*:\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

  private FailedWorkflows() {}

  static Set<String> list(String address) {
    return query(
        address,
        "ExecutionStatus='Failed' OR ExecutionStatus='TimedOut' OR ExecutionStatus='Terminated'");
  }

  /** The ids of the workflows still running. */
  static Set<String> running(String address) {
    return query(address, "ExecutionStatus='Running'");
  }

  private static Set<String> query(String address, String query) {
    try {
      Process process =
          new ProcessBuilder(
                  TemporalCli.locate()
                      .command(
                          "workflow",
                          "list",
                          "--address",
                          address,
                          "--namespace",
                          "default",
                          "--query",
                          query,
                          "--limit",
                          "5000",
                          "--output",
                          "json",
                          "--command-timeout",
                          "20s"))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("temporal workflow list failed: " + output);
      }
      Set<String> ids = new HashSet<>();
      Matcher matcher = WORKFLOW_ID.matcher(output);
      while (matcher.find()) {
        ids.add(matcher.group(1));
      }
      return ids;
    } catch (IOException e) {
      throw new IllegalStateException("could not run the Temporal CLI", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
