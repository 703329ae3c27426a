package dev.journeys.api.customer;

import dev.journeys.api.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where a page of a keyset-paginated list ended: the sort time and the tie-breaking key of its last
 * row, opaque to clients (base64url). The next page is linked in the {@code Link} header ({@code
 * rel="next"}) and named in {@code X-Next-Cursor}, so list bodies stay plain JSON arrays.
 */
public record PageCursor(Instant at, String key) {

  /** The header with the next page's URL: this request's URL with {@code cursor} replaced. */
  public static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";

  public String encode() {
    // microseconds: PostgreSQL's timestamptz precision, so the cursor compares exactly
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + "|" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a client sent back, or null for the first page; 400 if it is not one of ours. */
  public static PageCursor decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      long micros = Long.parseLong(text.substring(0, bar));
      return new PageCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), text.substring(bar + 1));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  /** The answer to a cursor that is not one of this list's. */
  public static InvalidRequestException invalid() {
    return new InvalidRequestException(
        "invalid cursor",
        List.of(
            new InvalidRequestException.FieldError(
                "cursor", "must be a cursor from a previous page's Link header")));
  }

  /** The headers that point to the next page, none when this page was the last. */
  public static HttpHeaders next(PageCursor next) {
    var headers = new HttpHeaders();
    if (next != null) {
      String url =
          ServletUriComponentsBuilder.fromCurrentRequest()
              .replaceQueryParam("cursor", next.encode())
              .build()
              .toUriString();
      headers.add(HttpHeaders.LINK, "<" + url + ">; rel=\"next\"");
      headers.add(NEXT_CURSOR_HEADER, next.encode());
    }
    return headers;
  }

  /** Checks a page size parameter. */
  public static void checkLimit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new InvalidRequestException(
          "limit must be between 1 and " + max,
          List.of(new InvalidRequestException.FieldError("limit", "must be between 1 and " + max)));
    }
  }
}
