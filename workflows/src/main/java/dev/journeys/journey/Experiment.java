package dev.journeys.journey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * An A/B(/n) split with an optional hold-out (control) group. Assignment is a pure function of the
 * customer id, the experiment name and its current weights; a journey records the arm in its
 * history when it first asks ({@link Journey#arm}), so a running enrollment keeps its arm on every
 * replay even after the weights or the hold-out share are changed, and conversion can be attributed
 * per variant.
 *
 * <pre>{@code
 * enum LastCallChannel { SMS, EMAIL }
 * static final Experiment LAST_CALL =
 *     Experiment.split("cart-last-call-channel", LastCallChannel.class).withHoldout(10);
 * switch (journey.arm(LAST_CALL, LastCallChannel.class)) { ... }
 * }</pre>
 *
 * @param variants the arms, each with a relative weight (0 turns an arm off)
 * @param holdoutPercent share of customers (0-100) held out of the journey's messages entirely
 */
public record Experiment(String name, List<Variant> variants, int holdoutPercent) {

  /** The arm of customers held out: they get no messages, but their conversions count. */
  public static final String HOLDOUT = "holdout";

  /** One arm of an experiment and its relative weight. */
  public record Variant(String name, int weight) {
    public Variant {
      Objects.requireNonNull(name, "variant name");
      if (weight < 0) {
        throw new IllegalArgumentException("variant '" + name + "' has a negative weight");
      }
    }
  }

  public Experiment {
    Objects.requireNonNull(name, "an experiment needs a name");
    if (variants == null || variants.isEmpty()) {
      throw new IllegalArgumentException("experiment '" + name + "' has no variants");
    }
    variants = List.copyOf(variants);
    if (variants.stream().mapToInt(Variant::weight).sum() <= 0) {
      throw new IllegalArgumentException("experiment '" + name + "' has no variant with weight");
    }
    if (variants.stream().anyMatch(v -> v.name().equals(HOLDOUT))) {
      throw new IllegalArgumentException("'" + HOLDOUT + "' is reserved for the hold-out group");
    }
    if (holdoutPercent < 0 || holdoutPercent > 100) {
      throw new IllegalArgumentException("holdoutPercent must be 0-100, was " + holdoutPercent);
    }
  }

  /** An even split over these variants, no hold-out. */
  public static Experiment split(String name, String... variants) {
    var arms = new ArrayList<Variant>();
    for (String variant : variants) {
      arms.add(new Variant(variant, 1));
    }
    return new Experiment(name, arms, 0);
  }

  /**
   * An even split over the constants of an enum, no hold-out: the constant {@code SMS} is the arm
   * {@code "sms"}. Journeys read the arm back as a constant with {@link Journey#arm}.
   */
  public static <A extends Enum<A>> Experiment split(String name, Class<A> arms) {
    var names = new ArrayList<String>();
    for (A arm : arms.getEnumConstants()) {
      names.add(Arms.nameOf(arm));
    }
    return split(name, names.toArray(String[]::new));
  }

  /** The same experiment with one arm's weight changed, e.g. {@code .weight(Channel.SMS, 3)}. */
  public Experiment weight(Enum<?> arm, int weight) {
    return weight(Arms.nameOf(arm), weight);
  }

  /** The same experiment with one arm's weight changed, e.g. {@code .weight("email", 0)}. */
  public Experiment weight(String variant, int weight) {
    if (variants.stream().noneMatch(v -> v.name().equals(variant))) {
      throw new IllegalArgumentException("experiment '" + name + "' has no variant " + variant);
    }
    var arms =
        variants.stream()
            .map(v -> v.name().equals(variant) ? new Variant(variant, weight) : v)
            .toList();
    return new Experiment(name, arms, holdoutPercent);
  }

  /** The same experiment with this percentage of customers held out. */
  public Experiment withHoldout(int percent) {
    return new Experiment(name, variants, percent);
  }

  /**
   * The customer's arm: {@link #HOLDOUT} or one of the variants' names. A SHA-256 of the experiment
   * name and the customer id, so the buckets are uniform and two experiments split the same
   * customers independently (a customer's arm in one says nothing about the other).
   */
  public String assign(String customerId) {
    return assign(customerId, Experiment::sha256Bucket);
  }

  /**
   * The assignment of enrollments started before arms were recorded in history: CRC32, which is
   * linear, so two 50/50 experiments split the same customers alike. Kept only so that they replay.
   */
  String assignLegacy(String customerId) {
    return assign(customerId, Experiment::crc32Bucket);
  }

  private String assign(String customerId, Bucket bucket) {
    // separate hashes for hold-out and split, so the hold-out does not skew one arm
    if (bucket.of(name + "/holdout/" + customerId, 100) < holdoutPercent) {
      return HOLDOUT;
    }
    int total = variants.stream().mapToInt(Variant::weight).sum();
    long point = bucket.of(name + "/split/" + customerId, total);
    for (Variant variant : variants) {
      point -= variant.weight();
      if (point < 0) {
        return variant.name();
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** True when {@code variant} is one of this experiment's arms (or the hold-out). */
  public boolean hasArm(String variant) {
    return HOLDOUT.equals(variant) || variants.stream().anyMatch(v -> v.name().equals(variant));
  }

  @FunctionalInterface
  private interface Bucket {
    long of(String key, int buckets);
  }

  private static long crc32Bucket(String key, int buckets) {
    var crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % buckets;
  }

  /** The first 8 bytes of the key's SHA-256, as an unsigned number, modulo {@code buckets}. */
  private static long sha256Bucket(String key, int buckets) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long value = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
      return Long.remainderUnsigned(value, buckets);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
