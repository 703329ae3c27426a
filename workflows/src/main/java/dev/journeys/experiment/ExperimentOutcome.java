package dev.journeys.experiment;

import dev.journeys.journey.JourneyOutcome;

/**
 * How one enrollment in one experiment arm ended, for attribution per variant.
 *
 * @param enrollmentId workflow id and first run id: an enrollment counts once, however often the
 *     activity is retried
 */
public record ExperimentOutcome(
    String experiment, String variant, String enrollmentId, JourneyOutcome outcome) {}
