package dev.journeys.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyFilterTest {

  @Test
  void findsRawNulBytesAndNulEscapesButNotTheEscapedText() {
    assertThat(nul("{\"a\":\"x\u0000\"}")).isTrue();
    assertThat(nul("{\"a\":\"x\\u0000\"}")).isTrue();
    assertThat(nul("{\"a\\u0000\":1}")).isTrue();
    assertThat(nul("{\"a\":\"\\\\\\u0000\"}")).as("an escaped backslash, then NUL").isTrue();
    assertThat(nul("{\"a\":\"\\\\u0000\"}")).as("the text \\u0000").isFalse();
    assertThat(nul("{\"a\":\"\\u00001\"}")).isTrue();
    assertThat(nul("{\"a\":\"\\u0001\"}")).isFalse();
    assertThat(nul("{\"a\":\"\\u")).isFalse();
  }

  private static boolean nul(String body) {
    return BoundedBodyFilter.containsNul(body.getBytes(StandardCharsets.UTF_8));
  }
}
