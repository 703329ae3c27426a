package dev.journeys.unsubscribe;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring unsubscribe links: the token names the customer, channel, topic and expiry, and
 * carries an HMAC-SHA256 over them, so the API can honour a click without a login and nobody can
 * forge one for someone else.
 *
 * <p>A token is {@code base64url(payload).base64url(mac)}; the payload's first line is the id of
 * the key that signed it, so keys can be rotated while links signed with the old one still work.
 * Tokens from before key ids (four lines) are checked against every known key.
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
        properties.keyId()
            + "\n"
            + customerId
            + "\n"
            + channel.name()
            + "\n"
            + topic.name()
            + "\n"
            + expiresAt.getEpochSecond();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(properties.secret(), bytes));
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
      String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
      String[] parts;
      List<String> candidates;
      if (lines.length == 5) {
        // the key id is read before the signature is checked, but only picks the key to check with
        candidates = secret(lines[0]).map(List::of).orElse(List.of());
        parts = Arrays.copyOfRange(lines, 1, 5);
      } else if (lines.length == 4) {
        candidates = allSecrets();
        parts = lines;
      } else {
        return Optional.empty();
      }
      if (candidates.stream().noneMatch(k -> MessageDigest.isEqual(signature, mac(k, payload)))) {
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

  private Optional<String> secret(String keyId) {
    if (keyId.equals(properties.keyId())) {
      return Optional.of(properties.secret());
    }
    return Optional.ofNullable(properties.previousSecrets().get(keyId)).filter(s -> !s.isBlank());
  }

  private List<String> allSecrets() {
    List<String> secrets = new ArrayList<>();
    secrets.add(properties.secret());
    properties.previousSecrets().values().stream().filter(s -> !s.isBlank()).forEach(secrets::add);
    return secrets;
  }

  private static byte[] mac(String secret, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
