package dev.journeys.journey;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

/**
 * Activity stubs whose calls carry a summary for the Temporal UI ({@code send cart-reminder by
 * EMAIL}). A summary is an option of the stub, so each call gets a stub of its own; making a stub
 * is no command, and the summary is user metadata the replayer does not compare.
 */
final class SummarizedActivities<T> {

  private final Class<T> type;
  private final ActivityOptions options;

  SummarizedActivities(Class<T> type, ActivityOptions options) {
    this.type = type;
    this.options = options;
  }

  /** A stub whose calls show {@code summary} in the workflow's history and UI. */
  T summarized(String summary) {
    return Workflow.newActivityStub(
        type, ActivityOptions.newBuilder(options).setSummary(summary).build());
  }
}
