package dev.journeys.api.page;

import dev.journeys.api.InvalidRequestException;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a keyset-paginated list and the cursor of the next, if any. Lists fetch {@link
 * #fetchSize} rows, one more than the page holds: the extra row, never shown, is the proof that a
 * next page exists, so a list of exactly {@code limit} rows ends without an empty last page.
 *
 * <p>The next page is linked in the {@code Link} header ({@code rel="next"}) and named in {@code
 * X-Next-Cursor}, so list bodies stay plain JSON arrays.
 */
public record Page<T>(List<T> items, String nextCursor) {

  /** The header naming the next page's cursor. */
  public static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";

  /** How many rows to fetch for a page of {@code limit}: one more, to know whether more follow. */
  public static int fetchSize(int limit) {
    return limit + 1;
  }

  /**
   * The page in {@code fetched} (up to {@link #fetchSize} rows in list order): its first {@code
   * limit} rows, and the cursor of its last row when another row follows it.
   */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
    if (fetched.size() <= limit) {
      return new Page<>(List.copyOf(fetched), null);
    }
    List<T> items = List.copyOf(fetched.subList(0, limit));
    return new Page<>(items, cursorOf.apply(items.getLast()));
  }

  public <U> Page<U> map(Function<T, U> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextCursor);
  }

  /** 200 with the items, and the next page's link when there is one. */
  public ResponseEntity<List<T>> response() {
    var headers = new HttpHeaders();
    if (nextCursor != null) {
      String url =
          ServletUriComponentsBuilder.fromCurrentRequest()
              .replaceQueryParam("cursor", nextCursor)
              .build()
              .toUriString();
      headers.add(HttpHeaders.LINK, "<" + url + ">; rel=\"next\"");
      headers.add(NEXT_CURSOR_HEADER, nextCursor);
    }
    return ResponseEntity.ok().headers(headers).body(items);
  }

  /** Checks a page size parameter: 400 unless within 1 and {@code max}. */
  public static void checkLimit(int limit, int max) {
    limitError(limit, max)
        .ifPresent(
            error -> {
              throw new InvalidRequestException(
                  "limit must be between 1 and " + max, List.of(error));
            });
  }

  /** The error of a page size outside 1 and {@code max}, for requests that collect their errors. */
  public static java.util.Optional<InvalidRequestException.FieldError> limitError(
      int limit, int max) {
    return limit < 1 || limit > max
        ? java.util.Optional.of(
            new InvalidRequestException.FieldError("limit", "must be between 1 and " + max))
        : java.util.Optional.empty();
  }
}
