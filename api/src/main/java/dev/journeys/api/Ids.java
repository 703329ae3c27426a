package dev.journeys.api;

import java.util.regex.Pattern;

/**
 * The one charset for customer ids and order ids, everywhere the API takes them (paths, bodies,
 * events): ASCII letters, digits and {@code . _ : @ -}, 1 to {@value #MAX_LENGTH} characters. No
 * {@code /} (ids become parts of workflow ids such as {@code journey/post-purchase/<customer>/<
 * order>}), no whitespace or control characters, and being ASCII, nothing that Unicode
 * normalisation could make look alike. Two ids of the maximum length keep a workflow id under half
 * of Temporal's 1,000-byte limit.
 */
public final class Ids {

  private Ids() {}

  public static final int MAX_LENGTH = 200;

  /** For {@code @Pattern} on request bodies. */
  public static final String REGEX = "[A-Za-z0-9._:@-]{1," + MAX_LENGTH + "}";

  public static final String MESSAGE =
      "must be 1-" + MAX_LENGTH + " characters of letters, digits and . _ : @ -";

  private static final Pattern ID = Pattern.compile(REGEX);

  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
