package dev.journeys.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The document's examples, from {@code examples.json} next to this class: a value per path
 * parameter name, and per operation ({@code METHOD path}) its success status, named request and
 * response examples, parameter values of its own, and other success statuses ({@code alsoStatus}).
 * {@code OpenApiContractTest} checks each example against its schema and sends each request example
 * to the API, so they cannot rot.
 */
final class OperationExamples {

  private final JsonNode examples;

  private OperationExamples(JsonNode examples) {
    this.examples = examples;
  }

  static OperationExamples load(ObjectMapper json) {
    try (InputStream in = OperationExamples.class.getResourceAsStream("examples.json")) {
      if (in == null) {
        throw new IllegalStateException("examples.json is missing next to OperationExamples");
      }
      return new OperationExamples(json.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI examples", e);
    }
  }

  /** The operations with examples, for the check that each names a real one. */
  Iterable<String> operations() {
    return () -> examples.path("operations").fieldNames();
  }

  Optional<JsonNode> operation(String operation) {
    JsonNode node = examples.path("operations").path(operation);
    return node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }

  /** The example value of a parameter: the operation's own, else the one for every path. */
  Optional<String> parameter(String operation, String name) {
    JsonNode own = examples.path("operations").path(operation).path("parameters").path(name);
    if (own.isTextual()) {
      return Optional.of(own.asText());
    }
    JsonNode shared = examples.path("parameters").path(name);
    return shared.isTextual() ? Optional.of(shared.asText()) : Optional.empty();
  }
}
