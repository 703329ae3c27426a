package dev.journeys.devstack.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration keys one of the apps reads: the keys and {@code ${PLACEHOLDER}}s of its own
 * YAML file, the {@code @ConfigurationProperties} its configuration enables (walked from the
 * application class through {@code @Import}, component scanning and
 * {@code @EnableConfigurationProperties}), and Spring Boot's documented keys (its configuration
 * metadata). Answers whether an environment variable binds to one of them under Spring's relaxed
 * binding.
 */
final class AppConfigurationKeys {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
  private static final Pattern METADATA_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

  /** Exact keys, e.g. {@code journeys.channels.sms.base-url}. */
  private final Set<String> keys = new HashSet<>();

  /**
   * Keys under which any suffix binds (maps, lists), e.g. {@code journeys.policies.frequency-caps}.
   */
  private final Set<String> open = new HashSet<>();

  /** Environment variables the YAML reads itself, e.g. {@code TEMPORAL_ADDRESS}. */
  private final Set<String> placeholders = new HashSet<>();

  private AppConfigurationKeys() {}

  static AppConfigurationKeys of(Class<?> application, String configResource) {
    var found = new AppConfigurationKeys();
    found.readYaml(configResource);
    for (Class<?> properties : enabledProperties(application)) {
      var annotation =
          AnnotatedElementUtils.findMergedAnnotation(properties, ConfigurationProperties.class);
      if (annotation != null) {
        found.walk(
            annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), properties);
      }
    }
    found.readSpringBootMetadata();
    return found;
  }

  Set<String> properties() {
    return keys;
  }

  /** Whether the variable binds to a key this app reads (or is read by its YAML directly). */
  boolean binds(String environmentVariable) {
    if (placeholders.contains(environmentVariable)) {
      return true;
    }
    for (String key : keys) {
      if (envForms(key).contains(environmentVariable)) {
        return true;
      }
    }
    for (String prefix : open) {
      for (String form : envForms(prefix)) {
        if (environmentVariable.startsWith(form + "_")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Spring's two environment forms of a key: dots to underscores with dashes removed ({@code
   * JOURNEYS_CHANNELS_SMS_BASEURL}) and the legacy one with dashes as underscores ({@code
   * JOURNEYS_CHANNELS_SMS_BASE_URL}).
   */
  static Set<String> envForms(String key) {
    String upper = key.toUpperCase(Locale.ROOT).replace('.', '_');
    return new HashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
  }

  private void readYaml(String resource) {
    try (InputStream in = AppConfigurationKeys.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      PLACEHOLDER.matcher(text).results().forEach(m -> placeholders.add(m.group(1)));
      flatten("", new Yaml().load(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flatten(String prefix, Object node) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v));
    } else {
      keys.add(prefix);
      if (node instanceof List<?>) {
        open.add(prefix);
      }
    }
  }

  private void walk(String prefix, Class<?> type) {
    if (!type.isRecord()) {
      // a JavaBean-style properties class: its setters name its keys
      for (var method : type.getMethods()) {
        if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
          keys.add(prefix + "." + kebab(method.getName().substring(3)));
        }
      }
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + kebab(component.getName());
      Class<?> componentType = component.getType();
      if (Map.class.isAssignableFrom(componentType)
          || Collection.class.isAssignableFrom(componentType)
          || componentType.isArray()) {
        open.add(key);
        keys.add(key);
      } else if (componentType.isRecord() && componentType.getName().startsWith("dev.journeys")) {
        walk(key, componentType);
      } else {
        keys.add(key);
      }
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private void readSpringBootMetadata() {
    try {
      var resolver = new PathMatchingResourcePatternResolver();
      for (var resource :
          resolver.getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
        try (InputStream in = resource.getInputStream()) {
          String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          METADATA_NAME.matcher(json).results().forEach(m -> keys.add(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The properties classes the application's configuration enables. */
  private static Set<Class<?>> enabledProperties(Class<?> application) {
    Set<Class<?>> seen = new HashSet<>();
    Set<Class<?>> properties = new HashSet<>();
    var queue = new ArrayDeque<Class<?>>();
    queue.add(application);
    queue.addAll(scan(application.getPackageName()));
    while (!queue.isEmpty()) {
      Class<?> type = queue.poll();
      if (!seen.add(type)) {
        continue;
      }
      for (var enable :
          AnnotatedElementUtils.findAllMergedAnnotations(
              type, EnableConfigurationProperties.class)) {
        properties.addAll(List.of(enable.value()));
      }
      for (var imported : AnnotatedElementUtils.findAllMergedAnnotations(type, Import.class)) {
        queue.addAll(List.of(imported.value()));
      }
      if (type != application) {
        for (var scanned :
            AnnotatedElementUtils.findAllMergedAnnotations(type, ComponentScan.class)) {
          for (String base : scanned.basePackages()) {
            queue.addAll(scan(base));
          }
        }
      }
    }
    return properties;
  }

  private static List<Class<?>> scan(String basePackage) {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter((reader, factory) -> true);
    return scanner.findCandidateComponents(basePackage).stream()
        .<Class<?>>map(
            definition -> {
              try {
                return Class.forName(definition.getBeanClassName());
              } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
