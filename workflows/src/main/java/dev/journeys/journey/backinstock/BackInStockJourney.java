package dev.journeys.journey.backinstock;

import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Back in stock, for one subscriber: told once, on their preferred channel (email, else SMS), that
 * the product is back. Started by {@link BackInStockFanOut}.
 */
@WorkflowInterface
public interface BackInStockJourney extends CustomerJourney {

  @WorkflowMethod(name = "BackInStock")
  JourneyOutcome run(Enrollment enrollment);
}
