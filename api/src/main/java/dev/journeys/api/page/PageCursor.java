package dev.journeys.api.page;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where a page of a time-ordered list ended: the sort time and the tie-breaking key of its last
 * row, in a cursor that names its list ({@link CursorText}), e.g. {@code ledger}.
 */
public record PageCursor(Instant at, String key) {

  /** The cursor's text for the list {@code list}. */
  public String encode(String list) {
    // microseconds: PostgreSQL's timestamptz precision, so the cursor compares exactly
    return CursorText.encode(
        list, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at)), key);
  }

  /** The cursor a client sent back, or null for the first page; 400 if it is not {@code list}'s. */
  public static PageCursor decode(String list, String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    List<String> fields = CursorText.decode(list, cursor, 2);
    long micros;
    try {
      micros = Long.parseLong(fields.get(0));
    } catch (NumberFormatException e) {
      throw CursorText.invalid();
    }
    if (micros < EARLIEST || micros > LATEST) {
      throw CursorText.invalid(); // no row of ours is that old or new; PostgreSQL would refuse it
    }
    return new PageCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), fields.get(1));
  }

  private static final long EARLIEST =
      ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("0001-01-01T00:00:00Z"));
  private static final long LATEST =
      ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"));

  /** The answer to a cursor whose fields make no sense for its list (e.g. a key not a row id). */
  public static dev.journeys.api.InvalidRequestException invalid() {
    return CursorText.invalid();
  }
}
