package dev.journeys.journey.replay;

/** Which welcome-series history the recorder writes: see the getVersion example in the README. */
final class WelcomeSeriesVersions {
  private WelcomeSeriesVersions() {}

  static String historyName() {
    return System.getProperty("journeys.welcome-history", "welcome-series-v1");
  }
}
