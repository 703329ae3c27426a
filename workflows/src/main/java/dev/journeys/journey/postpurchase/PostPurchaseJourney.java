package dev.journeys.journey.postpurchase;

import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Post-purchase: order confirmation; shipping and delivery updates as the OMS reports them (on the
 * customer's preferred channel); care and usage tips two days after delivery; a review request
 * seven days after delivery; and, for consumables, a replenishment reminder when the product is
 * likely to run out ({@code replenishAfterDays} on the order event).
 */
@WorkflowInterface
public interface PostPurchaseJourney extends CustomerJourney {

  @WorkflowMethod(name = "PostPurchase")
  JourneyOutcome run(Enrollment enrollment);
}
