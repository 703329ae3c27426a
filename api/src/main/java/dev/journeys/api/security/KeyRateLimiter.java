package dev.journeys.api.security;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: {@code burst} requests at once, refilled at {@code perSecond}. Kept
 * in this instance's memory, so with n API instances behind a balancer a key gets up to n times the
 * rate; enough to stop one key from flooding (say, mail-bombing a customer through order events),
 * not an exact quota.
 */
public class KeyRateLimiter {

  /** Allowed, or refused with how long to wait until the next request would be allowed. */
  public record Decision(boolean allowed, Duration retryAfter) {}

  private static final class Bucket {
    double tokens;
    long refilledAtNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAtNanos = now;
    }
  }

  private final double perSecond;
  private final double burst;
  private final java.util.function.LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public KeyRateLimiter(double perSecond, int burst) {
    this(perSecond, burst, System::nanoTime);
  }

  KeyRateLimiter(double perSecond, int burst, java.util.function.LongSupplier nanoTime) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  public Decision take(String keyId) {
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(keyId, k -> new Bucket(burst, now));
    synchronized (bucket) {
      double elapsed = (now - bucket.refilledAtNanos) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
      bucket.refilledAtNanos = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return new Decision(true, Duration.ZERO);
      }
      double wait = (1 - bucket.tokens) / perSecond;
      return new Decision(false, Duration.ofMillis((long) Math.ceil(wait * 1000)));
    }
  }
}
