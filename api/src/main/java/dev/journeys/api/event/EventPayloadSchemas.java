package dev.journeys.api.event;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.EventPayloads;
import dev.journeys.event.payload.PayloadField;
import dev.journeys.event.payload.PayloadType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents {@code POST /v1/events} from the payload registry: an {@code Event} schema, and one
 * schema per declared payload ({@code OrderPlacedPayload}, …) with its fields' types and required
 * fields, so the contract cannot drift from what the API checks. The controller takes a raw JSON
 * body (it reports every problem at once), which springdoc cannot describe by itself.
 */
// before ApiContract, which adds the examples to the request body built here
@org.springframework.core.annotation.Order(0)
@Component
class EventPayloadSchemas implements OpenApiCustomizer {

  static final String EVENT = "Event";

  @Override
  public void customise(OpenAPI api) {
    if (api.getComponents() == null) {
      api.setComponents(new Components());
    }
    Map<String, List<String>> typesByPayload = new LinkedHashMap<>();
    EventPayloads.all()
        .forEach(
            (type, payload) -> {
              if (JourneyCatalog.knows(type)) {
                typesByPayload
                    .computeIfAbsent(schemaName(payload), k -> new ArrayList<>())
                    .add(type);
                api.getComponents().addSchemas(schemaName(payload), schema(payload));
              }
            });
    typesByPayload.forEach(
        (name, types) ->
            api.getComponents()
                .getSchemas()
                .get(name)
                .description("The properties of a " + String.join(" or ", types) + " event."));
    api.getComponents().addSchemas(EVENT, event(typesByPayload));
    var post =
        api.getPaths() == null || api.getPaths().get("/v1/events") == null
            ? null
            : api.getPaths().get("/v1/events").getPost();
    if (post != null) {
      Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + EVENT);
      Schema<?> batch = new ArraySchema().items(ref).minItems(1).maxItems(EventParser.MAX_BATCH);
      post.requestBody(
          new RequestBody()
              .required(true)
              .description("One event, or a batch accepted or rejected as a whole.")
              .content(
                  new Content()
                      .addMediaType(
                          "application/json",
                          new MediaType().schema(new Schema<>().oneOf(List.of(ref, batch))))));
    }
  }

  private static String schemaName(PayloadType<?> payload) {
    return payload.record().getSimpleName() + "Payload";
  }

  private static Schema<?> event(Map<String, List<String>> typesByPayload) {
    var types = new StringSchema();
    typesByPayload.values().forEach(list -> list.forEach(types::addEnumItem));
    return new ObjectSchema()
        .addProperty("eventId", new StringSchema().maxLength(200).description("unique per sender"))
        .addProperty("customerId", new StringSchema().maxLength(200))
        .addProperty("type", types)
        .addProperty("occurredAt", new DateTimeSchema())
        .addProperty(
            "properties",
            new ObjectSchema()
                .additionalProperties(true)
                .description(
                    "The type's payload: "
                        + String.join(", ", typesByPayload.keySet())
                        + ". Other properties are free; they are template variables."))
        .required(List.of("eventId", "customerId", "type", "occurredAt"));
  }

  private static Schema<?> schema(PayloadType<?> payload) {
    var schema = new ObjectSchema().additionalProperties(true);
    for (PayloadField field : payload.fields()) {
      schema.addProperty(field.name(), field(field));
      if (field.required()) {
        schema.addRequiredItem(field.name());
      }
    }
    return schema;
  }

  private static Schema<?> field(PayloadField field) {
    Schema<?> schema =
        switch (field.kind()) {
          case ID ->
              new Schema<>()
                  .oneOf(
                      List.of(
                          new StringSchema().minLength(1).maxLength(PayloadField.MAX_ID_LENGTH),
                          new IntegerSchema()));
          case TEXT -> new StringSchema();
          case INTEGER ->
              new IntegerSchema()
                  .minimum(BigDecimal.valueOf(field.min()))
                  .maximum(BigDecimal.valueOf(field.max()));
          case DECIMAL ->
              new Schema<>()
                  .oneOf(
                      List.of(
                          new NumberSchema(),
                          new StringSchema().pattern("^-?[0-9]+(\\.[0-9]+)?$")));
          case BOOLEAN -> new BooleanSchema();
          case TEXT_LIST ->
              new Schema<>()
                  .oneOf(List.of(new ArraySchema().items(new StringSchema()), new StringSchema()));
        };
    return schema.description(field.kind().description());
  }
}
