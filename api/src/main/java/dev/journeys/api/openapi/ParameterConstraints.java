package dev.journeys.api.openapi;

import dev.journeys.api.Ids;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the controllers check of their path and query parameters, for the document: the id charset
 * ({@link Ids}), the lower-case names of templates, experiments and journeys, the channel and topic
 * enums, page limits. The controllers check by hand (they answer every problem at once), so
 * springdoc sees plain strings; {@code OpenApiContractTest} sends a value outside each path
 * parameter's pattern and expects 400, one inside and expects no charset complaint.
 */
final class ParameterConstraints {

  private ParameterConstraints() {}

  /** Templates, experiments, journeys, sources: lower-case names. */
  private static final String NAME = "^[a-z0-9][a-z0-9._-]{0,99}$";

  private static final String ID = "^" + Ids.REGEX + "$";

  private record Rule(Pattern path, String in, String name, Consumer<Schema<?>> constrain) {}

  private static final List<Rule> RULES =
      List.of(
          rule("^/v1/customers/\\{id}", "path", "id", id()),
          rule("^/v1/products/\\{productId}", "path", "productId", id()),
          rule("^/v1/templates/\\{key}", "path", "key", pattern(NAME, 100)),
          rule("^/v1/experiments/\\{name}", "path", "name", pattern(NAME, 100)),
          rule("^/v1/journeys/\\{journey}", "path", "journey", pattern(NAME, 100)),
          rule("^/v1/suppressions/\\{channel}", "path", "channel", enumOf(channels(false))),
          rule("^/v1/suppressions", "query", "channel", enumOf(channels(false))),
          rule("/consents/\\{channel}", "path", "channel", enumOf(channels(true))),
          rule("/consents/\\{channel}/\\{topic}", "path", "topic", enumOf(topics())),
          rule("/consents", "query", "source", pattern("^[a-z0-9][a-z0-9._-]{0,49}$", 50)),
          rule("^/v1/customers/\\{id}/enrollments$", "query", "state", enumOf("running", "ended")),
          rule("^/v1/customers/\\{id}/enrollments$", "query", "limit", range(1, 200)),
          rule("^/v1/customers/\\{id}/messages$", "query", "limit", range(1, 1000)),
          rule("^/v1/customers/\\{id}/consents/history$", "query", "limit", range(1, 1000)),
          rule("^/v1/suppressions$", "query", "limit", range(1, 1000)));

  /**
   * Constrains the parameter's schema if a rule covers it, on a copy: springdoc hands every plain
   * string parameter the same schema object.
   */
  static void constrain(String path, Parameter parameter) {
    for (Rule rule : RULES) {
      if (rule.in.equals(parameter.getIn())
          && rule.name.equals(parameter.getName())
          && rule.path.matcher(path).find()) {
        Schema<?> copy = AnnotationsUtils.clone(parameter.getSchema(), true);
        rule.constrain.accept(copy);
        parameter.setSchema(copy);
        return;
      }
    }
  }

  private static Rule rule(String path, String in, String name, Consumer<Schema<?>> constrain) {
    return new Rule(Pattern.compile(path), in, name, constrain);
  }

  private static Consumer<Schema<?>> id() {
    return pattern(ID, Ids.MAX_LENGTH);
  }

  private static Consumer<Schema<?>> pattern(String regex, int maxLength) {
    return s -> s.pattern(regex).minLength(1).maxLength(maxLength);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Consumer<Schema<?>> enumOf(String... values) {
    return s -> ((Schema) s).setEnum(new ArrayList<>(List.of(values)));
  }

  private static Consumer<Schema<?>> range(int min, int max) {
    return s ->
        s.minimum(java.math.BigDecimal.valueOf(min)).maximum(java.math.BigDecimal.valueOf(max));
  }

  /** The API reads channels case-insensitively; the document names the upper-case form. */
  private static String[] channels(boolean withAll) {
    var names = new ArrayList<>(Arrays.stream(Channel.values()).map(Enum::name).toList());
    if (withAll) {
      names.add("all");
    }
    return names.toArray(String[]::new);
  }

  private static String[] topics() {
    var names = new ArrayList<>(Arrays.stream(Topic.values()).map(Enum::name).toList());
    names.add("all");
    return names.toArray(String[]::new);
  }
}
