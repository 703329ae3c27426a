package dev.journeys.journey;

import java.util.Locale;

/**
 * Experiment arms as an enum: the constant {@code SMS} is the arm {@code "sms"}, {@code
 * SHORT_SUBJECT} the arm {@code "short-subject"}, so a journey switches on a type, not on strings.
 */
final class Arms {

  private Arms() {}

  /** The arm name of an enum constant: lower case, {@code _} as {@code -}. */
  static String nameOf(Enum<?> arm) {
    return arm.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant for an arm name; fails when the enum has none. */
  static <A extends Enum<A>> A of(Class<A> arms, String armName) {
    for (A arm : arms.getEnumConstants()) {
      if (nameOf(arm).equals(armName)) {
        return arm;
      }
    }
    throw new IllegalStateException(
        "arm '" + armName + "' has no constant in " + arms.getSimpleName());
  }

  /** Fails unless every arm of the experiment (besides the hold-out) has a constant. */
  static <A extends Enum<A>> void check(Experiment experiment, Class<A> arms) {
    for (Experiment.Variant variant : experiment.variants()) {
      of(arms, variant.name());
    }
  }
}
