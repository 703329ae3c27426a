package dev.journeys.api.openapi;

import dev.journeys.api.Ids;
import dev.journeys.api.security.Scope;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the controllers check by hand of the bodies springdoc sees as plain records (they list every
 * problem at once instead of failing on the first): enums, required fields, lengths, the id
 * charset. Bean Validation annotations reach the document by themselves; these do not.
 */
final class BodyConstraints {

  private BodyConstraints() {}

  static void apply(Map<String, Schema> schemas) {
    with(schemas, "ConsentStatusBody", s -> enumOf(prop(s, "status"), "GRANTED", "DENIED"))
        .ifPresent(s -> s.required(List.of("status")));
    with(
            schemas,
            "ConsentPatch",
            s -> {
              enumOf(prop(s, "channel"), names(Channel.values()));
              enumOf(prop(s, "topic"), names(Topic.values()));
              enumOf(prop(s, "status"), "GRANTED", "DENIED");
            })
        .ifPresent(s -> s.required(List.of("status")));
    with(
            schemas,
            "SuppressionRequest",
            s -> {
              enumOf(prop(s, "channel"), names(Channel.values()));
              prop(s, "address").minLength(1).maxLength(320);
              enumOf(prop(s, "reason"), "hard_bounce", "complaint", "operator");
              prop(s, "note").maxLength(500);
            })
        .ifPresent(s -> s.required(List.of("channel", "address")));
    with(
            schemas,
            "CreateRequest",
            s -> {
              prop(s, "name").pattern("^[a-z0-9][a-z0-9._-]{0,49}$").maxLength(50);
              Schema<?> scopes = prop(s, "scopes");
              scopes.minItems(1);
              enumOf(
                  scopes.getItems(),
                  Arrays.stream(Scope.values()).map(Scope::value).toArray(String[]::new));
            })
        .ifPresent(s -> s.required(List.of("name", "scopes")));
    with(schemas, "CancelRequest", s -> prop(s, "enrollmentId").minLength(1))
        .ifPresent(s -> s.required(List.of("enrollmentId")));
    with(schemas, "Event", s -> prop(s, "customerId").pattern("^" + Ids.REGEX + "$").minLength(1));
  }

  private static java.util.Optional<Schema<?>> with(
      Map<String, Schema> schemas, String name, java.util.function.Consumer<Schema<?>> change) {
    Schema<?> schema = schemas.get(name);
    if (schema == null || schema.getProperties() == null) {
      return java.util.Optional.empty();
    }
    change.accept(schema);
    return java.util.Optional.of(schema);
  }

  private static Schema<?> prop(Schema<?> schema, String name) {
    Schema<?> property = schema.getProperties().get(name);
    if (property == null) {
      throw new IllegalStateException(
          "schema has no property '" + name + "': the request record changed");
    }
    return property;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void enumOf(Schema schema, String... values) {
    schema.setEnum(new ArrayList<>(List.of(values)));
  }

  private static String[] names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
  }
}
