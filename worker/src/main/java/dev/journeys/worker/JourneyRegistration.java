package dev.journeys.worker;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;
import io.temporal.worker.Worker;

/**
 * Registers every workflow of every journey in {@link JourneyCatalog} on a worker, each built with
 * its settings from the source: the worker has no list of its own.
 */
final class JourneyRegistration {

  private JourneyRegistration() {}

  static void registerAll(Worker worker, JourneyWorkflow.SettingsSource settings) {
    for (JourneyDefinition journey : JourneyCatalog.all()) {
      for (JourneyWorkflow<?> workflow : journey.workflows()) {
        workflow.registerOn(worker, settings);
      }
    }
  }
}
