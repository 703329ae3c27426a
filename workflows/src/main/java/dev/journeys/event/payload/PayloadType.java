package dev.journeys.event.payload;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A payload record and its fields, read from the record's components: a {@code String} is {@link
 * PayloadField.Kind#TEXT} (or {@link PayloadField.Kind#ID} with {@link Id}), an {@code Integer} an
 * integer ({@link Bounds} for its range), a {@code BigDecimal} a decimal, a {@code Boolean} a
 * boolean and a {@code List<String>} a list of texts. Reading is deterministic (no clock, no
 * configuration), so journeys may use it inside workflow code.
 */
public final class PayloadType<T extends Record> {

  private static final ClassValue<PayloadType<?>> READERS =
      new ClassValue<>() {
        @Override
        protected PayloadType<?> computeValue(Class<?> type) {
          return build(type.asSubclass(Record.class), Set.of());
        }
      };

  private final Class<T> record;
  private final List<PayloadField> fields;
  private final Constructor<T> canonical;

  private PayloadType(Class<T> record, List<PayloadField> fields, Constructor<T> canonical) {
    this.record = record;
    this.fields = List.copyOf(fields);
    this.canonical = canonical;
  }

  /** The record's payload type, every field optional. */
  @SuppressWarnings("unchecked")
  public static <T extends Record> PayloadType<T> of(Class<T> record) {
    return (PayloadType<T>) READERS.get(record);
  }

  /** The record's payload type with the named fields required. */
  public static <T extends Record> PayloadType<T> of(Class<T> record, String... required) {
    return build(record, Set.of(required));
  }

  private static <T extends Record> PayloadType<T> build(Class<T> record, Set<String> required) {
    if (!record.isRecord()) {
      throw new IllegalArgumentException(record + " is not a record");
    }
    RecordComponent[] components = record.getRecordComponents();
    Set<String> unknown = new HashSet<>(required);
    List<PayloadField> fields = new ArrayList<>();
    for (RecordComponent c : components) {
      unknown.remove(c.getName());
      Bounds bounds = c.getAnnotation(Bounds.class);
      fields.add(
          new PayloadField(
              c.getName(),
              kind(record, c),
              required.contains(c.getName()),
              bounds == null ? Integer.MIN_VALUE : bounds.min(),
              bounds == null ? Integer.MAX_VALUE : bounds.max()));
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(record.getSimpleName() + " has no fields " + unknown);
    }
    try {
      Constructor<T> canonical =
          record.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return new PayloadType<>(record, fields, canonical);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(record + " has no canonical constructor", e);
    }
  }

  private static PayloadField.Kind kind(Class<?> record, RecordComponent c) {
    Class<?> type = c.getType();
    if (type == String.class) {
      return c.isAnnotationPresent(Id.class) ? PayloadField.Kind.ID : PayloadField.Kind.TEXT;
    }
    if (type == Integer.class) {
      return PayloadField.Kind.INTEGER;
    }
    if (type == BigDecimal.class) {
      return PayloadField.Kind.DECIMAL;
    }
    if (type == Boolean.class) {
      return PayloadField.Kind.BOOLEAN;
    }
    if (type == List.class
        && c.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] == String.class) {
      return PayloadField.Kind.TEXT_LIST;
    }
    throw new IllegalArgumentException(
        record.getSimpleName()
            + "."
            + c.getName()
            + ": a payload field is a String, Integer, BigDecimal, Boolean or List<String>");
  }

  public Class<T> record() {
    return record;
  }

  /** The declared fields, in the record's order. */
  public List<PayloadField> fields() {
    return fields;
  }

  /**
   * Every declared field the properties miss (when required) or hold with the wrong type; other
   * properties are free (template variables).
   */
  public List<FieldProblem> problems(Map<String, Object> properties) {
    Map<String, Object> props = properties == null ? Map.of() : properties;
    List<FieldProblem> problems = new ArrayList<>();
    for (PayloadField field : fields) {
      String problem = field.problem(props.get(field.name()));
      if (problem != null) {
        problems.add(new FieldProblem(field.name(), problem));
      }
    }
    return problems;
  }

  /** The properties as the record; a missing or ill-typed field reads as null, never throws. */
  public T read(Map<String, Object> properties) {
    Map<String, Object> props = properties == null ? Map.of() : properties;
    Object[] values = fields.stream().map(f -> f.read(props.get(f.name()))).toArray();
    try {
      return canonical.newInstance(values);
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + record.getSimpleName(), e);
    }
  }
}
