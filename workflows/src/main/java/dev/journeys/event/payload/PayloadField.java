package dev.journeys.event.payload;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;

/**
 * One declared property of a payload: its name, its kind and whether an event must carry it.
 *
 * <p>Two readings of a value: {@link #problem} is the API's strict check (a wrong type is a 400),
 * {@link #read} is the journeys' lenient one, which never throws, because a workflow must replay
 * events recorded before the check existed: a value that does not fit reads as null.
 *
 * @param min the least value of an {@link Kind#INTEGER} (see {@link Bounds})
 * @param max the greatest value of an {@link Kind#INTEGER}
 */
public record PayloadField(String name, Kind kind, boolean required, long min, long max) {

  /** Longest decimal text accepted, and the largest magnitude of a decimal. */
  private static final int MAX_DECIMAL_TEXT = 40;

  private static final BigDecimal MAX_DECIMAL = new BigDecimal("1e15");

  /** Longest id accepted (the API's limit for eventId and customerId too). */
  public static final int MAX_ID_LENGTH = 200;

  /** What a property may hold, as the API documents it. */
  public enum Kind {
    ID("id: a string or an integer; 1001 and \"1001\" are the same id"),
    TEXT("string"),
    INTEGER("integer"),
    DECIMAL("number, or a string holding one (\"59.90\")"),
    BOOLEAN("boolean"),
    TEXT_LIST("array of strings, or one comma-separated string");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** Why the value does not fit, or null when it does; null (absent) fits unless required. */
  public String problem(Object value) {
    if (value == null) {
      return required ? "is required" : null;
    }
    return switch (kind) {
      case ID -> idProblem(value);
      case TEXT -> value instanceof String ? null : "must be a string";
      case INTEGER -> integerProblem(value);
      case DECIMAL -> decimal(value) == null ? "must be a number or a decimal string" : null;
      case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
      case TEXT_LIST -> textListProblem(value);
    };
  }

  /** The value as the record holds it; null when absent or when it does not fit. */
  public Object read(Object value) {
    if (value == null) {
      return null;
    }
    return switch (kind) {
      case ID -> PayloadIds.text(value);
      case TEXT ->
          value instanceof String || value instanceof Number || value instanceof Boolean
              ? String.valueOf(value)
              : null;
      case INTEGER ->
          value instanceof Number n && fitsInt(n) ? Integer.valueOf(n.intValue()) : null;
      case DECIMAL -> decimal(value);
      case BOOLEAN -> value instanceof Boolean b ? b : null;
      case TEXT_LIST -> textList(value);
    };
  }

  private static String idProblem(Object value) {
    if (!PayloadIds.integralOrText(value)) {
      return "must be a string or an integer";
    }
    String text = PayloadIds.text(value);
    if (text.isBlank()) {
      return "must not be blank";
    }
    if (text.length() > MAX_ID_LENGTH) {
      return "must be at most " + MAX_ID_LENGTH + " characters";
    }
    return null;
  }

  private String integerProblem(Object value) {
    if (!(value instanceof Number) || !PayloadIds.integralOrText(value)) {
      return "must be an integer";
    }
    BigInteger number = new BigInteger(PayloadIds.text(value));
    if (number.compareTo(BigInteger.valueOf(min)) < 0
        || number.compareTo(BigInteger.valueOf(max)) > 0) {
      return "must be between " + min + " and " + max;
    }
    return null;
  }

  private static String textListProblem(Object value) {
    if (value instanceof String) {
      return null;
    }
    if (value instanceof Collection<?> list && list.stream().allMatch(String.class::isInstance)) {
      return null;
    }
    return "must be an array of strings or a comma-separated string";
  }

  private static boolean fitsInt(Number n) {
    double d = n.doubleValue();
    return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
  }

  private static BigDecimal decimal(Object value) {
    BigDecimal number;
    try {
      number =
          switch (value) {
            case BigDecimal b -> b;
            case Double d when d.isNaN() || d.isInfinite() -> null;
            case Float f when f.isNaN() || f.isInfinite() -> null;
            case Number n -> new BigDecimal(n.toString());
            case String s when s.length() <= MAX_DECIMAL_TEXT -> new BigDecimal(s.strip());
            default -> null;
          };
    } catch (NumberFormatException e) {
      return null;
    }
    return number == null || number.abs().compareTo(MAX_DECIMAL) >= 0 ? null : number;
  }

  private static List<String> textList(Object value) {
    return switch (value) {
      case Collection<?> list -> list.stream().map(v -> String.valueOf(v).strip()).toList();
      case String s -> List.of(s.split(",")).stream().map(String::strip).toList();
      case Number n -> List.of(n.toString());
      case Boolean b -> List.of(b.toString());
      default -> List.of();
    };
  }
}
