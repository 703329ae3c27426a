package dev.journeys.funnel;

import java.time.Instant;

/**
 * A customer entered a journey.
 *
 * @param enrollmentId workflow id and first run id, the prefix of the enrollment's ledger keys
 * @param version the journey's run version (see {@code Attribution}): enrollments of one version
 *     end by the same rules, so their funnels compare
 * @param at workflow time of the entry
 */
public record EnrollmentEntered(
    String enrollmentId, String journey, int version, String customerId, Instant at) {}
