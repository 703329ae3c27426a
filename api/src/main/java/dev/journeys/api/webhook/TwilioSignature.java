package dev.journeys.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature: Base64 of HMAC-SHA1, keyed with the auth token, over the full webhook
 * URL followed by every POST parameter name and value, sorted by name.
 */
public final class TwilioSignature {

  private TwilioSignature() {}

  public static String sign(String authToken, String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    for (var param : new TreeMap<>(params).entrySet()) {
      for (String value : param.getValue()) {
        data.append(param.getKey()).append(value);
      }
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** Constant-time comparison of the header with the expected signature. */
  public static boolean matches(
      String header, String authToken, String url, Map<String, List<String>> params) {
    if (header == null || authToken == null || authToken.isBlank()) {
      return false;
    }
    return MessageDigest.isEqual(
        header.getBytes(StandardCharsets.UTF_8),
        sign(authToken, url, params).getBytes(StandardCharsets.UTF_8));
  }
}
