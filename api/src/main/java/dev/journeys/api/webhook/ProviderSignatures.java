package dev.journeys.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The providers' callback signature schemes, compared in constant time. */
final class ProviderSignatures {

  private ProviderSignatures() {}

  /**
   * Twilio: {@code X-Twilio-Signature} is Base64(HMAC-SHA1(auth token, full URL + each POST
   * parameter's name and value, sorted by name)).
   */
  static boolean twilio(String authToken, String url, Map<String, String> params, String header) {
    if (header == null) {
      return false;
    }
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    byte[] expected = Base64.getEncoder().encode(hmac("HmacSHA1", authToken, data.toString()));
    return MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.US_ASCII));
  }

  /** Meta: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}. */
  static boolean meta(String appSecret, String body, String header) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()).strip());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac("HmacSHA256", appSecret, body), given);
  }

  static byte[] hmac(String algorithm, String secret, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
