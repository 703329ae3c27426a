package dev.journeys.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server (embedded binaries from Maven Central) shared by the tests of one JVM.
 * Each caller of {@link #newDatabase()} gets a database of its own, so tests do not see each
 * other's rows.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
    }
    return server;
  }

  /** Creates an empty database and returns its JDBC URL (user and password: postgres). */
  public static String newDatabase() {
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection()) {
      c.createStatement().execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** Points a Spring test at a fresh database. */
  public static void register(DynamicPropertyRegistry registry) {
    String url = newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  private static synchronized void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // the JVM is going away
    }
  }
}
