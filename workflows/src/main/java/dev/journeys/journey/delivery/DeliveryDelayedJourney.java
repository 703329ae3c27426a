package dev.journeys.journey.delivery;

import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivery delayed: tell the customer proactively, on their preferred channel, before they ask. If
 * they open a support ticket anyway, hand off to a human with the whole story and wait for the
 * ticket to be resolved. The delivery arriving ends it.
 */
@WorkflowInterface
public interface DeliveryDelayedJourney extends CustomerJourney {

  @WorkflowMethod(name = "DeliveryDelayed")
  JourneyOutcome run(Enrollment enrollment);
}
