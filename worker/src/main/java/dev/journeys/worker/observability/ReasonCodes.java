package dev.journeys.worker.observability;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps metric labels to a small, fixed vocabulary. Ledger reasons are codes ({@code opted_out},
 * {@code quiet_hours}) but a failure can carry a provider's free text ({@code template_error:
 * missing variable x}, {@code 21211 invalid 'To' number +1555...}); a label taken from free text
 * would create a new time series per message and could carry personal data into the metrics.
 */
final class ReasonCodes {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private ReasonCodes() {}

  /** The code before any {@code ':'} if it looks like one, else {@code other}. */
  static String of(String reason) {
    if (reason == null || reason.isBlank()) {
      return "none";
    }
    int colon = reason.indexOf(':');
    String code = (colon < 0 ? reason : reason.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    return CODE.matcher(code).matches() ? code : "other";
  }

  /** A journey or step name as a label, {@code none} when absent. */
  static String orNone(String name) {
    return name == null || name.isBlank() ? "none" : name;
  }
}
