package dev.journeys.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on Journeys' webhook calls, and its verifier for the receiving side. Copy this
 * class into a receiver as it is: it needs only the JDK.
 *
 * <p>Each call carries {@code X-Journeys-Timestamp} (Unix seconds) and {@code X-Journeys-Signature:
 * v1=<hex>}, the HMAC-SHA256 with the shared secret over {@code timestamp + "." + body} (the raw
 * body bytes as sent). A receiver recomputes it over the raw body, compares in constant time, and
 * rejects a timestamp more than five minutes from its clock, so a captured call cannot be replayed
 * later. During a secret rotation the header may list several {@code v1=} values, comma-separated;
 * one match is enough.
 */
public final class WebhookSignature {

  public static final String TIMESTAMP_HEADER = "X-Journeys-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Journeys-Signature";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** Why a call was refused. */
  public enum Rejection {
    MISSING_HEADERS,
    MALFORMED_TIMESTAMP,
    STALE_TIMESTAMP,
    BAD_SIGNATURE
  }

  /** A refused call; {@link #rejection()} says why. */
  public static final class InvalidSignatureException extends Exception {
    private final Rejection rejection;

    InvalidSignatureException(Rejection rejection) {
      super("webhook signature rejected: " + rejection);
      this.rejection = rejection;
    }

    public Rejection rejection() {
      return rejection;
    }
  }

  private final byte[] secret;

  public WebhookSignature(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret is required");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code X-Journeys-Signature} value for a body sent at {@code timestamp}. */
  public String sign(long timestampSeconds, String body) {
    return "v1=" + HexFormat.of().formatHex(mac(timestampSeconds + "." + body));
  }

  /**
   * Accepts a call whose signature matches and whose timestamp is within five minutes of {@code
   * now}; throws otherwise.
   */
  public void verify(String timestampHeader, String signatureHeader, String body, Instant now)
      throws InvalidSignatureException {
    if (timestampHeader == null || signatureHeader == null || body == null) {
      throw new InvalidSignatureException(Rejection.MISSING_HEADERS);
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      throw new InvalidSignatureException(Rejection.MALFORMED_TIMESTAMP);
    }
    Duration age = Duration.between(Instant.ofEpochSecond(timestamp), now).abs();
    if (age.compareTo(TOLERANCE) > 0) {
      throw new InvalidSignatureException(Rejection.STALE_TIMESTAMP);
    }
    byte[] expected = mac(timestamp + "." + body);
    for (String candidate : signatureHeader.split(",")) {
      String value = candidate.strip();
      if (!value.startsWith("v1=")) {
        continue;
      }
      byte[] given;
      try {
        given = HexFormat.of().parseHex(value.substring(3));
      } catch (IllegalArgumentException notHex) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return;
      }
    }
    throw new InvalidSignatureException(Rejection.BAD_SIGNATURE);
  }

  /** True when {@link #verify} accepts the call. */
  public boolean isValid(String timestampHeader, String signatureHeader, String body, Instant now) {
    try {
      verify(timestampHeader, signatureHeader, body, now);
      return true;
    } catch (InvalidSignatureException e) {
      return false;
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
