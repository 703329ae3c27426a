package dev.journeys.journey;

import java.util.Set;

/**
 * A journey as the router sees it.
 *
 * @param name stable name, part of the workflow id and the {@code Journey} search attribute
 * @param workflowType the Temporal workflow type of its implementation
 * @param triggers event types that enrol a customer (signal-with-start)
 * @param listensTo further event types delivered to a running enrollment (plain signal)
 */
public record JourneyDefinition(
    String name, String workflowType, Set<String> triggers, Set<String> listensTo) {

  public JourneyDefinition {
    triggers = Set.copyOf(triggers);
    listensTo = Set.copyOf(listensTo);
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
