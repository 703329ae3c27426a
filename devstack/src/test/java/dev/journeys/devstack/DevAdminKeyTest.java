package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevAdminKeyTest {

  @TempDir Path workDir;

  @Test
  void generatesAKeyOnceReadableOnlyByTheOwnerAndKeepsIt() throws Exception {
    assumeTrue(
        System.getenv("JOURNEYS_ADMIN_API_KEY") == null, "JOURNEYS_ADMIN_API_KEY is set here");

    String first = DevAdminKey.forDevelopment(workDir);
    String second = DevAdminKey.forDevelopment(workDir);

    assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
    assertThat(DevAdminKey.forDevelopment(Files.createTempDirectory(workDir, "other")))
        .isNotEqualTo(first);
    Path file = workDir.resolve(DevAdminKey.FILE_NAME);
    assertThat(Files.readString(file).strip()).isEqualTo(first);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }
}
