package dev.journeys.api.openapi;

import static dev.journeys.api.openapi.ProblemType.CONFLICT;
import static dev.journeys.api.openapi.ProblemType.EVENTS_NOT_DELIVERED;
import static dev.journeys.api.openapi.ProblemType.EVENT_ID_CONFLICT;
import static dev.journeys.api.openapi.ProblemType.JOURNEY_ENGINE_UNAVAILABLE;
import static dev.journeys.api.openapi.ProblemType.NOT_FOUND;
import static dev.journeys.api.openapi.ProblemType.REFUSED_BY_JOURNEY_ENGINE;
import static dev.journeys.api.openapi.ProblemType.SIGNATURE_INVALID;
import static dev.journeys.api.openapi.ProblemType.SIGNATURE_REFUSED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The problems an operation answers with beyond the ones every operation of its kind shares: 400
 * (every request: the firewall and the body filter check them all), 401, 403 and 429 (every
 * operation that needs a key), 413 and 415 (every operation with a body). These are what the
 * controllers throw: a missing resource, a state conflict, the journey engine (Temporal) out of
 * reach or refusing. Keyed by {@code METHOD path} as the document has them; {@code
 * OpenApiContractTest} fails on a key that names no operation.
 */
final class OperationProblems {

  private OperationProblems() {}

  static final Map<String, Set<ProblemType>> EXTRA =
      Map.ofEntries(
          Map.entry(
              "POST /v1/events",
              EnumSet.of(EVENT_ID_CONFLICT, REFUSED_BY_JOURNEY_ENGINE, EVENTS_NOT_DELIVERED)),
          Map.entry("GET /v1/customers/{id}", EnumSet.of(NOT_FOUND)),
          Map.entry("PATCH /v1/customers/{id}", EnumSet.of(NOT_FOUND)),
          Map.entry("DELETE /v1/customers/{id}", EnumSet.of(JOURNEY_ENGINE_UNAVAILABLE)),
          Map.entry("GET /v1/customers/{id}/export", EnumSet.of(NOT_FOUND)),
          // a withdrawal of marketing consent reaches running journeys as an event
          Map.entry(
              "PATCH /v1/customers/{id}/consents",
              EnumSet.of(NOT_FOUND, JOURNEY_ENGINE_UNAVAILABLE)),
          Map.entry(
              "PUT /v1/customers/{id}/consents/{channel}/{topic}",
              EnumSet.of(NOT_FOUND, JOURNEY_ENGINE_UNAVAILABLE)),
          Map.entry("GET /v1/customers/{id}/consents/history", EnumSet.of(NOT_FOUND)),
          Map.entry("GET /v1/customers/{id}/enrollments", EnumSet.of(JOURNEY_ENGINE_UNAVAILABLE)),
          Map.entry(
              "POST /v1/customers/{id}/enrollments/cancel",
              EnumSet.of(NOT_FOUND, CONFLICT, JOURNEY_ENGINE_UNAVAILABLE)),
          Map.entry(
              "POST /v1/products/{productId}/restocks", EnumSet.of(JOURNEY_ENGINE_UNAVAILABLE)),
          Map.entry("GET /v1/templates/{key}/versions", EnumSet.of(NOT_FOUND)),
          Map.entry("POST /v1/templates/{key}/publish", EnumSet.of(NOT_FOUND)),
          Map.entry("POST /v1/templates/{key}/preview", EnumSet.of(NOT_FOUND)),
          Map.entry("GET /v1/suppressions/{channel}/{address}", EnumSet.of(NOT_FOUND)),
          Map.entry("DELETE /v1/suppressions/{channel}/{address}", EnumSet.of(NOT_FOUND)),
          Map.entry("GET /v1/experiments/{name}", EnumSet.of(NOT_FOUND)),
          Map.entry("GET /v1/experiments/{name}/decision", EnumSet.of(NOT_FOUND)),
          Map.entry("GET /v1/journeys/{journey}/funnel", EnumSet.of(NOT_FOUND)),
          Map.entry("GET /v1/journeys/{journey}/funnel.html", EnumSet.of(NOT_FOUND)),
          // 404 while payload encryption is off
          Map.entry("POST /codec/encode", EnumSet.of(NOT_FOUND)),
          Map.entry("POST /codec/decode", EnumSet.of(NOT_FOUND)),
          Map.entry("POST /v1/admin/api-keys", EnumSet.of(CONFLICT)),
          Map.entry("DELETE /v1/admin/api-keys/{id}", EnumSet.of(NOT_FOUND)),
          // public, verified by the provider's signature: 404 for a provider not configured
          Map.entry(
              "POST /v1/webhooks/{provider}/status",
              EnumSet.of(SIGNATURE_INVALID, NOT_FOUND, JOURNEY_ENGINE_UNAVAILABLE)),
          Map.entry("GET /v1/webhooks/meta/status", EnumSet.of(SIGNATURE_REFUSED, NOT_FOUND)),
          Map.entry(
              "POST /v1/webhooks/sms/inbound",
              EnumSet.of(SIGNATURE_REFUSED, JOURNEY_ENGINE_UNAVAILABLE)));

  static Set<ProblemType> extra(String operation) {
    return EXTRA.getOrDefault(operation, Set.of());
  }
}
