package dev.journeys.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Free-form event and message data: JSON objects, which may hold nulls (Map.copyOf may not). */
public final class Payloads {
  private Payloads() {}

  /** An unmodifiable copy that keeps insertion order and null values; null becomes empty. */
  public static Map<String, Object> copy(Map<String, Object> data) {
    return data == null || data.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }
}
