package dev.journeys.codec;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code journeys.codec.*}: payload encryption, off unless {@code key} is set.
 *
 * @param key the current key, base64 of 16, 24 or 32 random bytes ({@code JOURNEYS_CODEC_KEY})
 * @param keyId its id, written into every payload it encrypts ({@code JOURNEYS_CODEC_KEY_ID})
 * @param previousKeys keys rotated out, by id, still needed to read older payloads
 * @param corsOrigins origins allowed to call the codec endpoint from a browser (the Temporal UI's)
 */
@ConfigurationProperties("journeys.codec")
public record PayloadCodecProperties(
    String key,
    @DefaultValue("k1") String keyId,
    Map<String, String> previousKeys,
    List<String> corsOrigins) {

  public PayloadCodecProperties {
    previousKeys = previousKeys == null ? Map.of() : Map.copyOf(previousKeys);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }

  public boolean enabled() {
    return key != null && !key.isBlank();
  }

  /** The codec these properties describe; fails on a malformed key. */
  public AesGcmPayloadCodec codec() {
    Map<String, byte[]> keys = new java.util.LinkedHashMap<>();
    previousKeys.forEach((id, value) -> keys.put(id, AesGcmPayloadCodec.decodeKey(id, value)));
    keys.put(keyId, AesGcmPayloadCodec.decodeKey(keyId, key));
    return new AesGcmPayloadCodec(keyId, keys);
  }
}
