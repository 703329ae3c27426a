package dev.journeys.customer;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads a customer's profile for a journey's branches and waits in the customer's time zone. */
@ActivityInterface
public interface CustomerActivities {

  /**
   * The customer's profile; {@link CustomerProfile#unknown} when the store has no such customer.
   */
  @ActivityMethod(name = "LookUpProfile")
  CustomerProfile lookUp(String customerId);
}
