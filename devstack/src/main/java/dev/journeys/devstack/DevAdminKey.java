package dev.journeys.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's admin API key: {@code JOURNEYS_ADMIN_API_KEY} if set, otherwise a random key
 * kept in {@code .journeys/admin-api-key}, so it survives restarts and curl commands can read it.
 * Random per checkout rather than well known, because the API listens on every interface.
 */
final class DevAdminKey {

  static final String FILE_NAME = "admin-api-key";

  private DevAdminKey() {}

  static String forDevelopment(Path workDir) {
    String fromEnvironment = System.getenv("JOURNEYS_ADMIN_API_KEY");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    Path file = workDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(workDir);
      String key = random();
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException raced) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /** 32 random bytes, URL-safe: 43 characters, above the API's minimum admin key length. */
  static String random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
