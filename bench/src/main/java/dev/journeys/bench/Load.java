package dev.journeys.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/** Load shapes: a closed loop of concurrent clients, and an open loop at a fixed rate. */
final class Load {

  /** What a closed loop did: how long it took and which item finished last. */
  record Run(int done, int failed, long elapsedNanos, int lastItem, List<String> errors) {
    double perSecond() {
      return done / (elapsedNanos / 1e9);
    }
  }

  private Load() {}

  /**
   * {@code clients} threads take items {@code 0..total-1} in turn, each as soon as its previous one
   * is answered (a failed item is retried up to three times, as a sender would).
   */
  static Run closedLoop(int total, int clients, IntConsumer item) {
    var next = new AtomicInteger();
    var done = new AtomicInteger();
    var failed = new AtomicInteger();
    var last = new AtomicInteger(-1);
    var lastAt = new AtomicLong();
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        pool.submit(
            () -> {
              for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                if (attempt(item, i, errors)) {
                  done.incrementAndGet();
                  long now = System.nanoTime();
                  synchronized (lastAt) {
                    if (now >= lastAt.get()) {
                      lastAt.set(now);
                      last.set(i);
                    }
                  }
                } else {
                  failed.incrementAndGet();
                }
              }
            });
      }
    }
    return new Run(done.get(), failed.get(), System.nanoTime() - start, last.get(), errors);
  }

  /**
   * Starts item {@code i} at {@code start + i/rate} whether or not earlier ones were answered (no
   * coordinated omission); returns each item's scheduled start in nanoTime.
   */
  static long[] openLoop(int total, double rate, IntConsumer item) {
    long[] scheduled = new long[total];
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime() + 50_000_000L;
    try (ExecutorService pool = Executors.newCachedThreadPool()) {
      for (int i = 0; i < total; i++) {
        scheduled[i] = start + (long) (i * 1e9 / rate);
        long wait = scheduled[i] - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        int index = i;
        pool.submit(() -> attempt(item, index, errors));
      }
    }
    if (!errors.isEmpty()) {
      System.out.println(
          "  open loop: " + errors.size() + " failed attempts, e.g. " + errors.get(0));
    }
    return scheduled;
  }

  private static boolean attempt(IntConsumer item, int i, List<String> errors) {
    for (int attempt = 1; ; attempt++) {
      try {
        item.accept(i);
        return true;
      } catch (RuntimeException e) {
        errors.add(e.getMessage());
        if (attempt == 3) {
          return false;
        }
      }
    }
  }

  /** The q-quantile (0..1) of the values, nearest rank. */
  static double quantile(long[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }
}
