package dev.journeys.api.page;

import dev.journeys.api.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A cursor's opaque text: the name of the list it belongs to and the fields of the last row's sort
 * key, joined by {@code |} and base64url encoded. The list name makes a cursor of one list useless
 * for another; decoding is strict (the canonical encoding, valid UTF-8, the exact number of
 * fields), so a cursor that was edited is refused rather than half understood. The last field may
 * itself contain {@code |}.
 */
public final class CursorText {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private CursorText() {}

  public static String encode(String list, String... fields) {
    return ENCODER.encodeToString(
        (list + "|" + String.join("|", fields)).getBytes(StandardCharsets.UTF_8));
  }

  /** The fields of a cursor of {@code list}; 400 if it is not one. */
  public static List<String> decode(String list, String cursor, int fields) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!ENCODER.encodeToString(bytes).equals(cursor)) {
      throw invalid(); // padding or stray bits: not text we wrote
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid();
    }
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw invalid(); // we never write control characters; the database refuses a NUL
    }
    String[] parts = text.split("\\|", fields + 1);
    if (parts.length != fields + 1 || !parts[0].equals(list)) {
      throw invalid(); // another list's cursor, or not one at all
    }
    return Arrays.asList(parts).subList(1, parts.length);
  }

  /** The answer to a cursor that is not one of this list's. */
  public static InvalidRequestException invalid() {
    return new InvalidRequestException(
        "invalid cursor",
        List.of(
            new InvalidRequestException.FieldError(
                "cursor", "must be a cursor from a previous page of this list")));
  }
}
