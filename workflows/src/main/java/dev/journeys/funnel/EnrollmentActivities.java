package dev.journeys.funnel;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Records that a customer entered a journey and how the enrollment ended, for the funnel: entries
 * and outcomes per journey, version and experiment arm (the ledger has the steps in between). Both
 * are idempotent per enrollment, so retries count once.
 */
@ActivityInterface
public interface EnrollmentActivities {

  @ActivityMethod(name = "RecordEnrollmentEntered")
  void entered(EnrollmentEntered entered);

  @ActivityMethod(name = "RecordEnrollmentEnded")
  void ended(EnrollmentEnded ended);
}
