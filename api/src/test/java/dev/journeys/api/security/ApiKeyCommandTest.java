package dev.journeys.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code api-key create | list | revoke} on a migrated journey store. */
class ApiKeyCommandTest {

  private static ApiKeys keys;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void store() {
    var dataSource =
        new DriverManagerDataSource(TestDatabase.newDatabase(), "postgres", "postgres");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    keys = new ApiKeys(JdbcClient.create(dataSource));
  }

  @Test
  void createsAKeyThatAuthenticatesWithItsScopesAndRevokesIt() {
    int created =
        run("api-key", "create", "--name", "ci-loader", "--scopes", "events:write,customers:write");

    assertThat(created).as(text(err)).isZero();
    String key = text(out).strip();
    var principal = keys.authenticate(key).orElseThrow();
    assertThat(principal.name()).isEqualTo("ci-loader");
    assertThat(principal.scopes())
        .containsExactlyInAnyOrder(Scope.EVENTS_WRITE, Scope.CUSTOMERS_WRITE);
    assertThat(keys.list().getFirst().createdBy()).isEqualTo("command-line");

    out.reset();
    assertThat(run("list")).isZero();
    assertThat(text(out)).contains(principal.keyId(), "ci-loader", "active").doesNotContain(key);

    assertThat(run("revoke", principal.keyId())).isZero();
    assertThat(keys.authenticate(key)).isEmpty();
    assertThat(run("revoke", principal.keyId())).isEqualTo(1);
  }

  @Test
  void refusesUnknownScopesAndMissingArguments() {
    assertThat(run("create", "--name", "x", "--scopes", "root")).isEqualTo(2);
    assertThat(text(err)).contains("unknown scope 'root'");
    assertThat(run("create", "--scopes", "operator")).isEqualTo(2);
    assertThat(run("create", "--name", "Bad Name", "--scopes", "operator")).isEqualTo(1);
    assertThat(run()).isEqualTo(2);
    assertThat(keys.list()).extracting(ApiKeys.ApiKey::name).doesNotContain("x", "Bad Name");
  }

  private int run(String... args) {
    return ApiKeyCommand.run(
        args,
        keys,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
