package dev.journeys.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.security.Scope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the generated document a contract: on every operation the problems it answers with (as
 * {@code application/problem+json} with their {@code type} URIs), the key and scopes it needs (or
 * {@code security: []} when it is public), the constraints the controllers enforce on parameters
 * and bodies, and examples. It runs after the other customizers (the event schemas), as one place,
 * so controllers stay free of documentation annotations.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiContract implements OpenApiCustomizer {

  static final String PROBLEM = "ProblemDetail";
  static final String PROBLEM_JSON = "application/problem+json";
  static final String SCOPES_EXTENSION = "x-required-scopes";
  private static final String API_KEY = "apiKey";

  private final ObjectMapper json;
  private final OperationExamples examples;

  ApiContract(ObjectMapper json) {
    this.json = json;
    this.examples = OperationExamples.load(json);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void customise(OpenAPI api) {
    if (api.getComponents() == null) {
      api.setComponents(new Components());
    }
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    if (schemas == null) {
      schemas = new LinkedHashMap<>();
      api.getComponents().setSchemas(schemas);
    }
    schemas.put(PROBLEM, problemSchema());
    schemas.put("CodecPayloads", codecPayloads());
    if (schemas.containsKey("CustomerRequest")) {
      schemas.put("CustomerPatch", customerPatch(schemas.get("CustomerRequest")));
    }
    BodyConstraints.apply(schemas);
    if (api.getPaths() != null) {
      api.getPaths()
          .forEach(
              (path, item) ->
                  operations(item)
                      .forEach(
                          (method, op) -> {
                            document(method.name() + " " + path, method.name(), path, op);
                          }));
    }
    var seen = java.util.Collections.newSetFromMap(new IdentityHashMap<Schema<?>, Boolean>());
    schemas.values().forEach(s -> anchorPatterns(s, seen));
    if (api.getPaths() != null) {
      api.getPaths()
          .values()
          .forEach(
              item ->
                  operations(item)
                      .values()
                      .forEach(
                          op -> {
                            if (op.getParameters() != null) {
                              op.getParameters().forEach(p -> anchorPatterns(p.getSchema(), seen));
                            }
                          }));
    }
  }

  private static Map<PathItem.HttpMethod, Operation> operations(PathItem item) {
    return item.readOperationsMap();
  }

  private void document(String key, String method, String path, Operation op) {
    var example = examples.operation(key);
    parameters(key, path, op);
    replaceBodies(path, op);
    if (op.getResponses() == null) {
      op.setResponses(new ApiResponses());
    }
    for (ApiResponse response : op.getResponses().values()) {
      Content content = response.getContent();
      if (content != null && content.containsKey("*/*")) {
        MediaType any = content.remove("*/*");
        content.addMediaType("application/json", any);
      }
    }
    example.ifPresent(e -> successStatus(op, e));
    example.ifPresent(e -> examples(op, e));
    security(method, path, op);
    problems(key, method, path, concrete(key, path), op);
  }

  /** The path with the parameters' examples, as a problem's {@code instance} shows it. */
  private String concrete(String key, String path) {
    var m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
    var out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out,
          java.util.regex.Matcher.quoteReplacement(
              examples.parameter(key, m.group(1)).orElse("x")));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void parameters(String key, String path, Operation op) {
    if (op.getParameters() == null) {
      return;
    }
    for (Parameter p : op.getParameters()) {
      if (p.getSchema() != null) {
        ParameterConstraints.constrain(path, p);
      }
      if ("path".equals(p.getIn())
          || examples
              .operation(key)
              .map(e -> e.path("parameters").has(p.getName()))
              .orElse(false)) {
        examples.parameter(key, p.getName()).ifPresent(p::setExample);
      }
    }
  }

  /** Bodies springdoc cannot see through: the codec's raw JSON, the customer's merge patch. */
  private static void replaceBodies(String path, Operation op) {
    if (path.startsWith("/codec/")) {
      Schema<?> ref = new Schema<>().$ref("#/components/schemas/CodecPayloads");
      if (op.getRequestBody() != null) {
        op.getRequestBody()
            .setContent(
                new Content().addMediaType("application/json", new MediaType().schema(ref)));
      }
      var ok = op.getResponses() == null ? null : op.getResponses().get("200");
      if (ok != null) {
        ok.setContent(new Content().addMediaType("application/json", new MediaType().schema(ref)));
      }
    }
    if (path.equals("/v1/webhooks/{provider}/status") && op.getRequestBody() != null) {
      op.getRequestBody()
          .description(
              "The provider's own callback: form fields (twilio), JSON (meta, email); verified by"
                  + " its signature header before it is read.")
          .setContent(
              new Content()
                  .addMediaType(
                      "application/json",
                      new MediaType().schema(new ObjectSchema().additionalProperties(true)))
                  .addMediaType(
                      "application/x-www-form-urlencoded",
                      new MediaType().schema(new ObjectSchema().additionalProperties(true))));
    }
    if (path.equals("/v1/customers/{id}")
        && op.getRequestBody() != null
        && op.getRequestBody().getContent() != null
        && op.getRequestBody().getContent().containsKey("application/merge-patch+json")) {
      op.getRequestBody()
          .getContent()
          .values()
          .forEach(m -> m.setSchema(new Schema<>().$ref("#/components/schemas/CustomerPatch")));
    }
  }

  /** The status the operation answers with when it succeeds, where springdoc guessed 200. */
  private static void successStatus(Operation op, JsonNode example) {
    String status = example.path("status").asText("200");
    ApiResponses responses = op.getResponses();
    if (responses.containsKey(status)) {
      return;
    }
    var success = responses.keySet().stream().filter(s -> s.startsWith("2")).findFirst();
    if (success.isPresent()) {
      ApiResponse moved = responses.remove(success.get());
      moved.setDescription(reason(Integer.parseInt(status)));
      if (status.equals("204")) {
        moved.setContent(null);
      }
      responses.addApiResponse(status, moved);
      // other successes with the same body, such as a repeated subscription (200)
      example
          .path("alsoStatus")
          .properties()
          .forEach(
              also ->
                  responses.addApiResponse(
                      also.getKey(),
                      new ApiResponse()
                          .description(also.getValue().asText())
                          .content(moved.getContent())));
    }
  }

  private void examples(Operation op, JsonNode example) {
    RequestBody body = op.getRequestBody();
    JsonNode requests = example.path("requests");
    if (body != null && body.getContent() != null && requests.isObject()) {
      for (var entry : body.getContent().entrySet()) {
        if (entry.getKey().equals("application/x-www-form-urlencoded")) {
          continue; // the examples are JSON
        }
        MediaType media = entry.getValue();
        requests
            .properties()
            .forEach(r -> media.addExamples(r.getKey(), example(r.getKey(), r.getValue())));
      }
    }
    JsonNode responses = example.path("responses");
    ApiResponse success = op.getResponses().get(example.path("status").asText("200"));
    if (success != null && success.getContent() != null && responses.isObject()) {
      for (MediaType media : success.getContent().values()) {
        responses
            .properties()
            .forEach(r -> media.addExamples(r.getKey(), example(r.getKey(), r.getValue())));
      }
    }
  }

  private Example example(String summary, JsonNode value) {
    return new Example().summary(summary).value(json.convertValue(value, Object.class));
  }

  private static void security(String method, String path, Operation op) {
    var scopes = OperationScopes.of(method, path);
    if (scopes.isPresent() && scopes.get().isEmpty()) {
      op.setSecurity(new ArrayList<>());
      op.addExtension(SCOPES_EXTENSION, List.of());
      return;
    }
    List<String> names = scopes.map(s -> s.stream().map(Scope::value).toList()).orElse(List.of());
    op.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(API_KEY, names))));
    op.addExtension(SCOPES_EXTENSION, names);
    String needs =
        scopes.isEmpty()
            ? "No API key may call this operation."
            : "Needs an API key with the scope"
                + (names.size() == 1 ? " " : "s ")
                + String.join(" and ", names)
                + ".";
    op.setDescription(op.getDescription() == null ? needs : op.getDescription() + "\n\n" + needs);
  }

  private void problems(String key, String method, String path, String instance, Operation op) {
    Set<ProblemType> problems = new java.util.LinkedHashSet<>();
    problems.add(ProblemType.INVALID_REQUEST);
    var scopes = OperationScopes.of(method, path);
    boolean isPublic = scopes.isPresent() && scopes.get().isEmpty();
    if (!isPublic) {
      problems.add(ProblemType.UNAUTHENTICATED);
      problems.add(ProblemType.INSUFFICIENT_SCOPE);
      problems.add(ProblemType.RATE_LIMITED);
    }
    if (op.getRequestBody() != null) {
      problems.add(ProblemType.PAYLOAD_TOO_LARGE);
      problems.add(ProblemType.UNSUPPORTED_MEDIA_TYPE);
    }
    problems.addAll(OperationProblems.extra(key));
    Map<Integer, List<ProblemType>> byStatus =
        problems.stream()
            .collect(Collectors.groupingBy(ProblemType::status, TreeMap::new, Collectors.toList()));
    byStatus.forEach(
        (status, types) ->
            op.getResponses()
                .addApiResponse(
                    String.valueOf(status),
                    response(status, types, scopes.orElse(null), path, instance)));
  }

  private ApiResponse response(
      int status, List<ProblemType> types, List<Scope> scopes, String path, String instance) {
    var typeSchema = new StringSchema();
    types.stream().map(t -> t.type().toString()).distinct().forEach(typeSchema::addEnumItem);
    Schema<?> schema =
        new Schema<>()
            .allOf(
                List.of(
                    new Schema<>().$ref("#/components/schemas/" + PROBLEM),
                    new ObjectSchema()
                        .addProperty("type", typeSchema)
                        .addProperty("status", new IntegerSchema()._enum(List.of(status)))));
    var media = new MediaType().schema(schema);
    for (ProblemType type : types) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("type", type.type().toString());
      value.put("title", type.title());
      value.put("status", status);
      value.put("detail", detail(type, scopes));
      value.put("instance", instance);
      if (type == ProblemType.INVALID_REQUEST) {
        value.put(
            "errors",
            List.of(Map.of("field", "email", "message", "must be a well-formed email address")));
      }
      if (type == ProblemType.INSUFFICIENT_SCOPE && scopes != null) {
        value.put("requiredScopes", scopes.stream().map(Scope::value).toList());
      }
      media.addExamples(
          type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
          new Example().summary(type.title()).value(value));
    }
    var content = new Content().addMediaType(PROBLEM_JSON, media);
    if (status == 400 && path.startsWith("/v1/unsubscribe")) {
      content.addMediaType("text/html", new MediaType().schema(new StringSchema()));
    }
    var response =
        new ApiResponse()
            .description(
                types.stream()
                    .map(t -> t.title() + ": " + t.when())
                    .collect(Collectors.joining("; ")))
            .content(content);
    if (status == 429 || status == 503) {
      response.addHeaderObject(
          "Retry-After",
          new Header()
              .description("seconds to wait before retrying")
              .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
    }
    if (status == 401 && types.contains(ProblemType.UNAUTHENTICATED)) {
      response.addHeaderObject(
          "WWW-Authenticate",
          new Header().description("Bearer realm=\"journeys\"").schema(new StringSchema()));
    }
    return response;
  }

  private static String detail(ProblemType type, List<Scope> scopes) {
    return switch (type) {
      case INSUFFICIENT_SCOPE ->
          "the API key lacks the scope this endpoint needs: "
              + (scopes == null
                  ? ""
                  : scopes.stream().map(Scope::value).collect(Collectors.joining(", ")));
      case INVALID_REQUEST -> "the request has invalid fields";
      default -> type.when();
    };
  }

  private static String reason(int status) {
    var known = org.springframework.http.HttpStatus.resolve(status);
    return known == null ? String.valueOf(status) : known.getReasonPhrase();
  }

  /** RFC 9457 problem details, with the members this API adds. */
  private static Schema<?> problemSchema() {
    var error =
        new ObjectSchema()
            .addProperty("field", new StringSchema())
            .addProperty("message", new StringSchema());
    return new ObjectSchema()
        .description(
            "RFC 9457 problem details. `type` identifies the problem; about:blank means the status says it all.")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri-reference"))
        .addProperty(
            "errors",
            new ArraySchema()
                .items(error)
                .description("400, 409, 422: each field in error (events[2].type)"))
        .addProperty(
            "requiredScopes",
            new ArraySchema()
                .items(new StringSchema())
                .description("403: the scopes the operation needs"))
        .addProperty(
            "inFlight",
            new ArraySchema()
                .items(new IntegerSchema())
                .description("503 on events: indexes another request is delivering"))
        .required(List.of("type", "title", "status"));
  }

  /** Temporal's Payloads in protobuf JSON, as the Temporal UI's codec calls send them. */
  private static Schema<?> codecPayloads() {
    var payload =
        new ObjectSchema()
            .addProperty(
                "metadata",
                new ObjectSchema().additionalProperties(new StringSchema().format("byte")))
            .addProperty("data", new StringSchema().format("byte"));
    return new ObjectSchema()
        .description("Temporal payloads (protobuf JSON): base64 metadata values and data.")
        .addProperty("payloads", new ArraySchema().items(payload))
        .required(List.of("payloads"));
  }

  /**
   * A JSON merge patch of {@link #customerPatch the profile}: a field given replaces the stored
   * one, null clears it, one left out stays.
   */
  @SuppressWarnings("rawtypes")
  private static Schema<?> customerPatch(Schema request) {
    var patch =
        new ObjectSchema()
            .description(
                "A JSON merge patch (RFC 7396) of CustomerRequest: a field given replaces the stored one, null clears it, a field left out stays.");
    Map<String, Schema> properties =
        request.getProperties() == null ? Map.of() : request.getProperties();
    properties.forEach(
        (name, schema) ->
            patch.addProperty(
                name, new Schema<>().anyOf(List.of(schema, new Schema<>().types(Set.of("null"))))));
    return patch;
  }

  /**
   * JSON Schema patterns match anywhere in the value; Bean Validation's and the controllers' match
   * the whole value. Anchored, the document accepts what the API accepts, not more.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void anchorPatterns(Schema<?> schema, Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    String pattern = schema.getPattern();
    if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
      schema.setPattern("^(?:" + pattern + ")$");
    }
    if (schema.getProperties() != null) {
      ((Map<String, Schema>) (Map) schema.getProperties())
          .values()
          .forEach(s -> anchorPatterns(s, seen));
    }
    anchorPatterns(schema.getItems(), seen);
    if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
      anchorPatterns(additional, seen);
    }
    for (Collection<Schema> group :
        java.util.Arrays.<Collection<Schema>>asList(
            schema.getOneOf(), schema.getAnyOf(), schema.getAllOf())) {
      if (group != null) {
        group.forEach(s -> anchorPatterns(s, seen));
      }
    }
  }
}
