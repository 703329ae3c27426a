package dev.journeys.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TimeZonesTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final TimeZones zones = TimeZones.shipped(BERLIN);

  @Test
  void theProfilesOwnZoneComesFirst() {
    assertThat(zones.zoneOf("Asia/Tokyo", "US-FL")).isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void withoutOneTheRegionPlacesTheCustomer() {
    assertThat(zones.zoneOf(null, "US-FL")).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(zones.zoneOf(" ", "US-CA")).isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(zones.zoneOf(null, "us-az")).isEqualTo(ZoneId.of("America/Phoenix"));
    assertThat(zones.zoneOf(null, "CA-BC")).isEqualTo(ZoneId.of("America/Vancouver"));
    assertThat(zones.zoneOf(null, "AU-WA")).isEqualTo(ZoneId.of("Australia/Perth"));
  }

  @Test
  void aSubdivisionMissingFromTheTableFallsBackToItsCountry() {
    assertThat(zones.zoneOf(null, "DE-BY")).isEqualTo(BERLIN);
    assertThat(zones.zoneOf(null, "FR-IDF")).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(zones.zoneOf(null, "JP")).isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void anUnknownRegionOrNoneGetsTheConfiguredDefault() {
    var utcDefault = TimeZones.shipped(ZoneId.of("UTC"));

    assertThat(utcDefault.zoneOf(null, null)).isEqualTo(ZoneId.of("UTC"));
    assertThat(utcDefault.zoneOf(null, "AQ")).isEqualTo(ZoneId.of("UTC"));
    assertThat(zones.zoneOf(null, "XX-YY")).isEqualTo(BERLIN);
  }

  @Test
  void aZoneTheJdkDoesNotKnowIsIgnoredForTheRegion() {
    assertThat(zones.zoneOf("Mars/Olympus_Mons", "US-NY")).isEqualTo(ZoneId.of("America/New_York"));
  }

  @Test
  void everyUsStateAndDcHasAZone() {
    Stream.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
            "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
            "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
            "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY")
        .forEach(
            state ->
                assertThat(zones.forRegion("US-" + state))
                    .as("US-%s", state)
                    .hasValueSatisfying(
                        zone -> assertThat(zone.getId()).matches("(America|Pacific)/.+")));
  }

  @Test
  void commonCountriesHaveAZone() {
    Stream.of(
            "US", "CA", "MX", "BR", "AR", "GB", "IE", "FR", "DE", "ES", "IT", "NL", "BE", "CH",
            "AT", "SE", "NO", "DK", "FI", "PL", "PT", "GR", "TR", "IL", "AE", "IN", "CN", "JP",
            "KR", "SG", "AU", "NZ", "ZA")
        .forEach(country -> assertThat(zones.forRegion(country)).as(country).isPresent());
  }
}
