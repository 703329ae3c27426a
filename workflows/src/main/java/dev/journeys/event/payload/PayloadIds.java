package dev.journeys.event.payload;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The one text form of an id sent as text or as a number, so that routing (the enrollment key in a
 * workflow id) and matching inside a journey agree: {@code 1001}, {@code 1001.0} and {@code "1001"}
 * are all {@code "1001"}.
 */
public final class PayloadIds {

  /** Beyond this many integer digits a number is shown as it is; it is no usable id anyway. */
  private static final int MAX_DIGITS = 64;

  private PayloadIds() {}

  /** The id's text, or null for no value or one that is neither text nor a number. */
  public static String text(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Integer i -> i.toString();
      case Long l -> l.toString();
      case Short s -> s.toString();
      case Byte b -> b.toString();
      case BigInteger b -> b.toString();
      case Double d when d.isNaN() || d.isInfinite() -> d.toString();
      case Float f when f.isNaN() || f.isInfinite() -> f.toString();
      case Double d -> plain(new BigDecimal(d.toString()));
      case Float f -> plain(new BigDecimal(f.toString()));
      case BigDecimal b -> plain(b);
      case Number n -> n.toString();
      default -> null;
    };
  }

  /** True when the value is text, or a number without a fractional part. */
  static boolean integralOrText(Object value) {
    if (value instanceof String) {
      return true;
    }
    String text = value instanceof Number ? text(value) : null;
    return text != null && text.matches("-?[0-9]+");
  }

  private static String plain(BigDecimal number) {
    if (number.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = number.stripTrailingZeros();
    if (stripped.precision() - stripped.scale() > MAX_DIGITS || stripped.scale() > MAX_DIGITS) {
      return stripped.toString();
    }
    return stripped.toPlainString();
  }
}
