package dev.journeys.funnel;

import dev.journeys.journey.JourneyOutcome;
import java.time.Instant;
import java.util.Map;

/**
 * How an enrollment ended.
 *
 * @param cause the goal or exit event type that ended it, null when its story ran out or it was
 *     cancelled
 * @param step the step it ended at (the step before {@code converted}, {@code completed}, ...)
 * @param variants the arm per experiment it was in, so the funnel splits by arm and hold-out
 * @param lastMessageAt when it last sent (or held back) a message, null if it never did
 */
public record EnrollmentEnded(
    String enrollmentId,
    String journey,
    int version,
    String customerId,
    JourneyOutcome outcome,
    String cause,
    String step,
    Map<String, String> variants,
    Instant lastMessageAt,
    Instant at) {}
