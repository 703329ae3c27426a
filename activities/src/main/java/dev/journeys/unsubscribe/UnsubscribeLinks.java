package dev.journeys.unsubscribe;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring unsubscribe links: the token names the customer, channel, topic and expiry, and
 * carries an HMAC-SHA256 over them, so the API can honour a click without a login and nobody can
 * forge one for someone else.
 */
@Component
public class UnsubscribeLinks {

  /** What a valid token asks for. */
  public record Unsubscribe(String customerId, Channel channel, Topic topic, Instant expiresAt) {}

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

  private final UnsubscribeProperties properties;
  private final Clock clock;

  public UnsubscribeLinks(UnsubscribeProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** The one-click URL for this customer's messages on a channel and topic, if configured. */
  public Optional<String> linkFor(String customerId, Channel channel, Topic topic) {
    if (!properties.configured()) {
      return Optional.empty();
    }
    Instant expiresAt = clock.instant().plus(properties.validFor());
    String base = properties.baseUrl().replaceAll("/+$", "");
    return Optional.of(
        base + "/v1/unsubscribe?token=" + token(customerId, channel, topic, expiresAt));
  }

  String token(String customerId, Channel channel, Topic topic, Instant expiresAt) {
    String payload =
        customerId
            + "\n"
            + channel.name()
            + "\n"
            + topic.name()
            + "\n"
            + expiresAt.getEpochSecond();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
  }

  /** The request a token stands for; empty if it is forged, malformed or expired. */
  public Optional<Unsubscribe> verify(String token) {
    if (!properties.configured() || token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    try {
      byte[] payload = B64_DECODE.decode(token.substring(0, dot));
      byte[] signature = B64_DECODE.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, mac(payload))) {
        return Optional.empty();
      }
      String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
      if (!clock.instant().isBefore(expiresAt)) {
        return Optional.empty();
      }
      return Optional.of(
          new Unsubscribe(parts[0], Channel.valueOf(parts[1]), Topic.valueOf(parts[2]), expiresAt));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
