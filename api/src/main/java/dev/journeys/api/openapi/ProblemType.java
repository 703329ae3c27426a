package dev.journeys.api.openapi;

import java.net.URI;

/**
 * Every problem the API answers with, as the OpenAPI document shows it: status, {@code type} URI
 * and title, as the handlers that write them set them ({@code ProblemDetailsAdvice}, {@code
 * SecurityProblems}, {@code KeyRateLimitFilter}, {@code BoundedBodyFilter}, the event controller).
 * Problems without a type of their own are {@code about:blank}, their status says it all. {@code
 * ProblemTypesTest} fails when the code writes a {@code journeys.dev/problems} URI missing here.
 */
enum ProblemType {
  INVALID_REQUEST(
      400,
      "https://journeys.dev/problems/invalid-request",
      "Invalid request",
      "the request is malformed or breaks a rule of the schema; `errors` lists each field"),
  UNAUTHENTICATED(
      401,
      "https://journeys.dev/problems/unauthenticated",
      "Unauthenticated",
      "no API key, or a malformed, unknown or revoked one"),
  INSUFFICIENT_SCOPE(
      403,
      "https://journeys.dev/problems/insufficient-scope",
      "Forbidden",
      "the API key lacks a scope the operation needs; `requiredScopes` names them"),
  SIGNATURE_INVALID(
      401,
      "about:blank",
      "Unauthorized",
      "a provider callback whose signature header is missing or does not verify"),
  SIGNATURE_REFUSED(
      403,
      "about:blank",
      "Forbidden",
      "a provider callback whose signature or verify token does not match"),
  NOT_FOUND(404, "about:blank", "Not found", "the resource the path names does not exist"),
  CONFLICT(
      409, "about:blank", "Conflict", "the resource is not in a state that allows the request"),
  EVENT_ID_CONFLICT(
      409,
      "https://journeys.dev/problems/event-id-conflict",
      "Event id already used",
      "the sending key used an eventId before with another payload; nothing was accepted"),
  PAYLOAD_TOO_LARGE(
      413,
      "https://journeys.dev/problems/payload-too-large",
      "Payload too large",
      "the body exceeds the configured request size limit"),
  UNSUPPORTED_MEDIA_TYPE(
      415,
      "about:blank",
      "Unsupported Media Type",
      "the Content-Type is not one the operation consumes"),
  REFUSED_BY_JOURNEY_ENGINE(
      422,
      "https://journeys.dev/problems/refused-by-journey-engine",
      "Refused by the journey engine",
      "the journey engine refused events for good (too large); they were not accepted"),
  RATE_LIMITED(
      429,
      "https://journeys.dev/problems/rate-limited",
      "Too many requests",
      "the API key sent more requests than its rate allows; retry after Retry-After seconds"),
  JOURNEY_ENGINE_UNAVAILABLE(
      503,
      "about:blank",
      "Journey engine unavailable",
      "the journey engine (Temporal) is unreachable; nothing was changed, retry after"
          + " Retry-After seconds"),
  EVENTS_NOT_DELIVERED(
      503,
      "https://journeys.dev/problems/events-not-delivered",
      "Journey engine unavailable",
      "not every event reached its journeys; the rest are recorded, send the same request again"
          + " after Retry-After seconds");

  private final int status;
  private final URI type;
  private final String title;
  private final String when;

  ProblemType(int status, String type, String title, String when) {
    this.status = status;
    this.type = URI.create(type);
    this.title = title;
    this.when = when;
  }

  int status() {
    return status;
  }

  URI type() {
    return type;
  }

  String title() {
    return title;
  }

  /** When the API answers with it, for the document's readers. */
  String when() {
    return when;
  }
}
