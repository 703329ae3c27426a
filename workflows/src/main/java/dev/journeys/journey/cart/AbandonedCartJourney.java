package dev.journeys.journey.cart;

import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Abandoned cart: remind by email after an hour, make a last call a day later (SMS if the customer
 * can get one, else email); an order at any moment ends it as converted. The last call's channel is
 * an experiment ({@link LastCallChannel}); its hold-out group is sent nothing, so that the uplift
 * of the whole journey can be measured.
 */
@WorkflowInterface
public interface AbandonedCartJourney extends CustomerJourney {

  @WorkflowMethod(name = "AbandonedCart")
  JourneyOutcome run(Enrollment enrollment);
}
