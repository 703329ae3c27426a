package dev.journeys.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyRateLimiterTest {

  private final AtomicLong nanos = new AtomicLong();
  private final KeyRateLimiter limiter = new KeyRateLimiter(2, 3, nanos::get);

  @Test
  void allowsTheBurstThenTheRateAndTellsHowLongToWait() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.take("a").allowed()).isTrue();
    }
    var refused = limiter.take("a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.take("b").allowed()).as("another key has its own bucket").isTrue();

    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(limiter.take("a").allowed()).isTrue();
    assertThat(limiter.take("a").allowed()).isFalse();

    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.take("a").allowed()).as("refilled up to the burst only").isTrue();
    }
    assertThat(limiter.take("a").allowed()).isFalse();
  }
}
