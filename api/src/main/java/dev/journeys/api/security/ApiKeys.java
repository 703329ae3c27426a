package dev.journeys.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys in the journey store. A key is {@code jk_<id>_<secret>}: the 16-hex-digit id finds the
 * row, and the SHA-256 of the whole key is compared in constant time with the stored hash. Only the
 * hash is stored; the key is shown once, when it is created. 32 random bytes make the secret
 * unguessable, so a plain (unsalted, fast) hash is enough.
 */
public class ApiKeys {

  /** A key as listed: everything but the secret. */
  public record ApiKey(
      String id,
      String name,
      Set<Scope> scopes,
      String createdBy,
      Instant createdAt,
      Instant revokedAt) {}

  /** A key just created, with the secret that is never shown again. */
  public record IssuedKey(ApiKey key, String secret) {}

  /** A name already taken by another key. */
  public static class NameTakenException extends RuntimeException {
    NameTakenException(String name) {
      super("an API key named '" + name + "' already exists");
    }
  }

  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");
  private static final Pattern KEY = Pattern.compile("jk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  public ApiKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Creates a key. The name must match {@link #NAME} and be unused (also by revoked keys, so audit
   * trails stay unambiguous).
   */
  public IssuedKey create(String name, Set<Scope> scopes, String createdBy) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be 1-50 lowercase letters, digits and . _ -");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one scope");
    }
    byte[] idBytes = new byte[8];
    byte[] secretBytes = new byte[32];
    RANDOM.nextBytes(idBytes);
    RANDOM.nextBytes(secretBytes);
    String id = HexFormat.of().formatHex(idBytes);
    String secret =
        "jk_"
            + id
            + "_"
            + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    try {
      jdbc.sql(
              "insert into api_key (id, name, key_hash, scopes, created_by) values (?, ?, ?, ?, ?)")
          .params(id, name, sha256(secret), format(scopes), createdBy)
          .update();
    } catch (DuplicateKeyException e) {
      throw new NameTakenException(name);
    }
    return new IssuedKey(find(id).orElseThrow(), secret);
  }

  /** Every key, newest first, revoked ones included. */
  public List<ApiKey> list() {
    return jdbc.sql(
            "select id, name, scopes, created_by, created_at, revoked_at from api_key"
                + " order by created_at desc, id")
        .query(ApiKeys::key)
        .list();
  }

  public Optional<ApiKey> find(String id) {
    return jdbc.sql(
            "select id, name, scopes, created_by, created_at, revoked_at from api_key where id = ?")
        .param(id)
        .query(ApiKeys::key)
        .optional();
  }

  /** Revokes the key; its very next request is refused. False if there is no such active key. */
  public boolean revoke(String id) {
    return jdbc.sql("update api_key set revoked_at = now() where id = ? and revoked_at is null")
            .param(id)
            .update()
        == 1;
  }

  /** The caller a presented key stands for; empty if it is malformed, unknown or revoked. */
  public Optional<ApiPrincipal> authenticate(String presented) {
    var matcher = KEY.matcher(presented);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    record Row(String name, byte[] hash, String scopes) {}
    return jdbc.sql(
            "select name, key_hash, scopes from api_key where id = ? and revoked_at is null")
        .param(matcher.group(1))
        .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getString(3)))
        .optional()
        .filter(row -> MessageDigest.isEqual(row.hash(), sha256(presented)))
        .map(row -> new ApiPrincipal(matcher.group(1), row.name(), parse(row.scopes())));
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static ApiKey key(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    var revoked = rs.getTimestamp("revoked_at");
    return new ApiKey(
        rs.getString("id"),
        rs.getString("name"),
        parse(rs.getString("scopes")),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  private static String format(Set<Scope> scopes) {
    return scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" "));
  }

  private static Set<Scope> parse(String scopes) {
    Set<Scope> parsed = EnumSet.noneOf(Scope.class);
    Arrays.stream(scopes.split(" ")).map(Scope::of).flatMap(Optional::stream).forEach(parsed::add);
    return parsed;
  }
}
