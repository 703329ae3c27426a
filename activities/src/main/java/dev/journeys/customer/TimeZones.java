package dev.journeys.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one answer to "what time is it for this customer": the profile's own time zone; else the zone
 * of the customer's region ({@code US-FL} → {@code America/New_York}, then the country); else the
 * configured default. The policy gate (quiet hours, SMS contact windows) and the journeys' waits
 * (through the profile the customer activity returns) both ask here, so they never disagree.
 *
 * <p>The region table is data, {@code customer/region-time-zones.json}: a region missing from it is
 * a line of JSON.
 */
public final class TimeZones {

  static final String SHIPPED_TABLE = "customer/region-time-zones.json";

  private final Map<String, ZoneId> byRegion;
  private final ZoneId fallback;

  public TimeZones(Map<String, ZoneId> byRegion, ZoneId fallback) {
    this.byRegion = Map.copyOf(byRegion);
    this.fallback = fallback;
  }

  /** The shipped region table, with this zone for customers it does not place. */
  public static TimeZones shipped(ZoneId fallback) {
    try (InputStream in = TimeZones.class.getClassLoader().getResourceAsStream(SHIPPED_TABLE)) {
      if (in == null) {
        throw new IllegalStateException(SHIPPED_TABLE + " is missing from the class path");
      }
      return new TimeZones(parse(new ObjectMapper().readTree(in)), fallback);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SHIPPED_TABLE, e);
    }
  }

  private static Map<String, ZoneId> parse(JsonNode table) {
    Map<String, ZoneId> zones = new HashMap<>();
    table
        .path("zones")
        .properties()
        .forEach(
            entry -> {
              try {
                zones.put(entry.getKey(), ZoneId.of(entry.getValue().asText()));
              } catch (DateTimeException e) {
                throw new IllegalStateException(
                    SHIPPED_TABLE + ": " + entry.getKey() + " has no valid zone", e);
              }
            });
    return zones;
  }

  /** The zone the customer's clock runs on. */
  public ZoneId zoneOf(Customer customer) {
    return zoneOf(customer.timeZone(), customer.region());
  }

  /** The profile's zone if it is a valid one, else the region's, else the default. */
  public ZoneId zoneOf(String timeZone, String region) {
    if (timeZone != null && !timeZone.isBlank()) {
      try {
        return ZoneId.of(timeZone);
      } catch (DateTimeException unknown) {
        // profiles are validated on the way in; an old row falls through to its region
      }
    }
    return forRegion(region).orElse(fallback);
  }

  /** The zone of an ISO 3166-2 subdivision ({@code US-FL}), else of its country ({@code US}). */
  public Optional<ZoneId> forRegion(String region) {
    if (region == null || region.isBlank()) {
      return Optional.empty();
    }
    String code = region.trim().toUpperCase(Locale.ROOT);
    ZoneId exact = byRegion.get(code);
    if (exact != null) {
      return Optional.of(exact);
    }
    int dash = code.indexOf('-');
    return dash < 0 ? Optional.empty() : Optional.ofNullable(byRegion.get(code.substring(0, dash)));
  }

  /** The zone of customers nothing else places. */
  public ZoneId fallback() {
    return fallback;
  }
}
