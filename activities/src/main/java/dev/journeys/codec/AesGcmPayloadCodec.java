package dev.journeys.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts Temporal payloads (workflow inputs, signals, activity arguments and results: event
 * properties and profile fields) with AES-GCM, so Temporal's database and anyone reading histories
 * see ciphertext. Each payload is the whole original payload (metadata and data) encrypted under
 * the current key, with a fresh 96-bit nonce and the key id as associated data; the key id travels
 * in the metadata, so after a rotation payloads written under an older key still decode as long as
 * that key is configured as a previous key. Payloads that are not encrypted (written before
 * encryption was turned on) decode unchanged.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  public static final String CIPHER = "encryption-cipher";

  private static final String ALGORITHM = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final ByteString CIPHER_BYTES = ByteString.copyFromUtf8(ALGORITHM);

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param currentKeyId the key new payloads are encrypted with
   * @param keys every key that may be needed to decrypt, by id, the current one included
   */
  public AesGcmPayloadCodec(String currentKeyId, Map<String, byte[]> keys) {
    if (!keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("no key with the current key id " + currentKeyId);
    }
    Map<String, SecretKey> parsed = new LinkedHashMap<>();
    keys.forEach(
        (id, bytes) -> {
          if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException(
                "payload codec key " + id + " must be 16, 24 or 32 bytes, is " + bytes.length);
          }
          parsed.put(id, new SecretKeySpec(bytes, "AES"));
        });
    this.currentKeyId = currentKeyId;
    this.keys = Map.copyOf(parsed);
  }

  /** A key as configured: base64 of 16, 24 or 32 random bytes ({@code openssl rand -base64 32}). */
  public static byte[] decodeKey(String id, String base64) {
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("payload codec key " + id + " is not base64", e);
    }
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> encoded = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      encoded.add(encrypt(payload));
    }
    return encoded;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> decoded = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      decoded.add(isEncrypted(payload) ? decrypt(payload) : payload);
    }
    return decoded;
  }

  public static boolean isEncrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataMap().get("encoding"));
  }

  private Payload encrypt(Payload payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(ALGORITHM);
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      return Payload.newBuilder()
          .putMetadata("encoding", ENCODING_BYTES)
          .putMetadata(CIPHER, CIPHER_BYTES)
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(currentKeyId))
          .setData(
              ByteString.copyFrom(
                  ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  private Payload decrypt(Payload payload) {
    ByteString keyIdBytes = payload.getMetadataMap().get(KEY_ID);
    String keyId = keyIdBytes == null ? null : keyIdBytes.toStringUtf8();
    SecretKey key = keyId == null ? null : keys.get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "payload encrypted with key '" + keyId + "', which is not configured", null);
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length <= NONCE_BYTES) {
      throw new PayloadCodecException("encrypted payload too short", null);
    }
    try {
      Cipher cipher = Cipher.getInstance(ALGORITHM);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(e);
    }
  }
}
