package dev.journeys.api.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.Ids;
import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.InvalidRequestException.FieldError;
import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventPayloads;
import dev.journeys.event.payload.FieldProblem;
import dev.journeys.journey.JourneyDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a request body (one event object or an array of them) into events, or rejects the whole
 * body listing every problem. Nothing is stored unless every event is valid.
 */
final class EventParser {

  static final int MAX_BATCH = 500;
  private static final int MAX_ID_LENGTH = 200;

  private final ObjectMapper json;
  private final Clock clock;
  private final Duration maxAge;
  private final Duration maxAhead;

  /**
   * @param maxAge how far in the past {@code occurredAt} may lie
   * @param maxAhead how far in the future it may lie (senders' clock skew)
   */
  EventParser(ObjectMapper json, Clock clock, Duration maxAge, Duration maxAhead) {
    this.json = json;
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxAhead = maxAhead;
  }

  List<CustomerEvent> parse(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    List<CustomerEvent> events = new ArrayList<>();
    if (body == null || body.isNull() || body.isMissingNode()) {
      throw new InvalidRequestException(
          "the body must be an event object or an array of them", List.of());
    }
    if (body.isArray()) {
      if (body.isEmpty() || body.size() > MAX_BATCH) {
        throw new InvalidRequestException(
            "a batch holds 1 to " + MAX_BATCH + " events, this one has " + body.size(), List.of());
      }
      for (int i = 0; i < body.size(); i++) {
        parseOne(body.get(i), "[" + i + "].", errors, events);
      }
    } else {
      parseOne(body, "", errors, events);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(
          errors.size() == 1
              ? "the event is invalid: " + errors.getFirst().message()
              : errors.size() + " problems in the request; nothing was accepted",
          errors);
    }
    return events;
  }

  private void parseOne(
      JsonNode node, String at, List<FieldError> errors, List<CustomerEvent> out) {
    if (!node.isObject()) {
      errors.add(
          new FieldError(
              at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be a JSON object"));
      return;
    }
    int before = errors.size();
    String eventId = requiredId(node, "eventId", at, errors);
    String customerId = requiredId(node, "customerId", at, errors);
    String type = text(node, "type");
    if (type == null || type.isBlank()) {
      errors.add(new FieldError(at + "type", "is required"));
    } else if (!JourneyCatalog.knows(type)) {
      errors.add(new FieldError(at + "type", "unknown event type '" + type + "'"));
    }
    Instant occurredAt = null;
    String when = text(node, "occurredAt");
    if (when == null) {
      errors.add(
          new FieldError(
              at + "occurredAt", "is required (ISO-8601 instant, e.g. 2026-11-23T10:00:00Z)"));
    } else {
      try {
        occurredAt = Instant.parse(when);
        Instant now = clock.instant();
        if (occurredAt.isBefore(now.minus(maxAge)) || occurredAt.isAfter(now.plus(maxAhead))) {
          errors.add(
              new FieldError(
                  at + "occurredAt",
                  "must lie between "
                      + now.minus(maxAge)
                      + " and "
                      + now.plus(maxAhead)
                      + " (now "
                      + now
                      + ")"));
        }
      } catch (DateTimeParseException | ArithmeticException e) {
        errors.add(
            new FieldError(
                at + "occurredAt",
                "'" + when + "' is not an ISO-8601 instant such as 2026-11-23T10:00:00Z"));
      }
    }
    JsonNode properties = node.get("properties");
    Map<String, Object> props = Map.of();
    if (properties != null && !properties.isNull()) {
      if (!properties.isObject()) {
        errors.add(new FieldError(at + "properties", "must be a JSON object"));
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> converted = json.convertValue(properties, Map.class);
        props = converted;
      }
    }
    if (type != null && JourneyCatalog.knows(type)) {
      payload(type, props, at, errors);
      enrollmentKeys(type, props, at, errors);
    }
    if (errors.size() == before) {
      out.add(new CustomerEvent(eventId, customerId, type, occurredAt, props));
    }
  }

  /**
   * The properties against the type's declared payload ({@link EventPayloads}): a declared field of
   * the wrong type or a missing required one is an error naming the property; other properties are
   * free (template variables).
   */
  private static void payload(
      String type, Map<String, Object> props, String at, List<FieldError> errors) {
    for (FieldProblem problem : EventPayloads.problems(type, props)) {
      errors.add(new FieldError(at + "properties." + problem.field(), problem.message()));
    }
  }

  /**
   * An enrollment key (post-purchase: {@code orderId}) becomes part of a workflow id, so on an
   * event type a keyed journey uses it must be usable there. A missing (or null) key is allowed:
   * the event then goes to the per-customer enrollment.
   */
  private static void enrollmentKeys(
      String type, Map<String, Object> props, String at, List<FieldError> errors) {
    JourneyCatalog.all().stream()
        .filter(j -> j.enrollmentKey() != null && j.uses(type))
        .map(JourneyDefinition::enrollmentKey)
        .distinct()
        .forEach(
            key -> {
              Object value = props.get(key);
              String problem = value == null ? null : JourneyDefinition.invalidEnrollmentKey(value);
              // the API's one id charset on top of what a workflow id can hold
              if (problem == null && value instanceof String text && !Ids.valid(text)) {
                problem = Ids.MESSAGE;
              }
              String field = at + "properties." + key;
              // one error per property: the payload check may have named it already
              if (problem != null && errors.stream().noneMatch(e -> e.field().equals(field))) {
                errors.add(new FieldError(field, problem));
              }
            });
  }

  private static String requiredId(
      JsonNode node, String field, String at, List<FieldError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      errors.add(new FieldError(at + field, "is required"));
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError(at + field, "must be a string"));
      return null;
    }
    String s = value.asText();
    if (s.length() > MAX_ID_LENGTH) {
      errors.add(new FieldError(at + field, "must be at most " + MAX_ID_LENGTH + " characters"));
      return null;
    }
    if (field.equals("customerId") && !Ids.valid(s)) {
      errors.add(new FieldError(at + field, Ids.MESSAGE));
      return null;
    }
    return s;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
