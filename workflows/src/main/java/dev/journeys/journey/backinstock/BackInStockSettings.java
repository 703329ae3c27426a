package dev.journeys.journey.backinstock;

/**
 * How fast a restock fans out.
 *
 * @param pageSize subscribers per page (one activity call, one continue-as-new)
 * @param sendsPerSecond the pace: after each page the fan-out waits pageSize / sendsPerSecond
 *     seconds, so providers and frequency caps are not flooded
 */
public record BackInStockSettings(int pageSize, int sendsPerSecond) {

  public static final BackInStockSettings DEFAULTS = new BackInStockSettings(200, 50);

  public BackInStockSettings {
    if (pageSize < 1 || pageSize > 1_000) {
      throw new IllegalArgumentException(
          "pageSize must be 1-1000 (history per page), was " + pageSize);
    }
    if (sendsPerSecond < 1) {
      throw new IllegalArgumentException("sendsPerSecond must be positive");
    }
  }

  java.time.Duration pause(int sent) {
    return java.time.Duration.ofMillis(1000L * sent / sendsPerSecond);
  }
}
