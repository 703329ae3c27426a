package dev.journeys.journey;

import java.util.Set;

/**
 * A journey as the router sees it.
 *
 * @param name stable name, part of the workflow id and the {@code Journey} search attribute
 * @param workflowType the Temporal workflow type of its implementation
 * @param triggers event types that enrol a customer (signal-with-start)
 * @param listensTo further event types delivered to a running enrollment (plain signal)
 * @param reentry what a trigger does while the customer is (or recently was) enrolled
 */
public record JourneyDefinition(
    String name,
    String workflowType,
    Set<String> triggers,
    Set<String> listensTo,
    Reentry reentry) {

  public JourneyDefinition {
    triggers = Set.copyOf(triggers);
    listensTo = Set.copyOf(listensTo);
    reentry = reentry == null ? Reentry.ignoreWhileRunning() : reentry;
  }

  /** A journey that ignores triggers while an enrollment runs. */
  public JourneyDefinition(
      String name, String workflowType, Set<String> triggers, Set<String> listensTo) {
    this(name, workflowType, triggers, listensTo, Reentry.ignoreWhileRunning());
  }

  /** The same journey with another re-entry policy. */
  public JourneyDefinition withReentry(Reentry policy) {
    return new JourneyDefinition(name, workflowType, triggers, listensTo, policy);
  }

  public boolean isTriggeredBy(String eventType) {
    return triggers.contains(eventType);
  }

  public boolean listensTo(String eventType) {
    return listensTo.contains(eventType);
  }

  public String workflowId(String customerId) {
    return JourneyCatalog.workflowId(name, customerId);
  }
}
