package dev.journeys.api.security;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar journeys-api-*-exec.jar api-key <create|list|revoke>} ({@code ./journeys api-key
 * ...}): manages API keys directly in the journey store, for the first key of a deployment or when
 * no admin key is at hand. It reads the database from the same variables as the API ({@code
 * SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD}), and the API must have started once
 * (it creates the table).
 */
public final class ApiKeyCommand {

  static final String USAGE =
      """
      Usage: api-key create --name NAME --scopes SCOPE[,SCOPE...]
             api-key list
             api-key revoke ID
      Scopes: events:write customers:read customers:write templates:write operator admin""";

  private ApiKeyCommand() {}

  /** Runs the command against the configured database and exits with its status. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    var dataSource =
        new DriverManagerDataSource(
            env.getOrDefault("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/journeys"),
            env.getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
            env.getOrDefault("SPRING_DATASOURCE_PASSWORD", "postgres"));
    int status;
    try {
      status = run(args, new ApiKeys(JdbcClient.create(dataSource)), System.out, System.err);
    } catch (org.springframework.dao.DataAccessException e) {
      System.err.println("api-key: cannot use the journey store: " + e.getMostSpecificCause());
      status = 1;
    }
    System.exit(status);
  }

  /** Runs one command; returns the process status (0 done, 1 refused, 2 usage). */
  static int run(String[] args, ApiKeys keys, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    if (!rest.isEmpty() && rest.getFirst().equals("api-key")) {
      rest.removeFirst();
    }
    if (rest.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    String command = rest.removeFirst();
    switch (command) {
      case "create" -> {
        Optional<String> name = option(rest, "--name");
        Optional<String> scopeList = option(rest, "--scopes");
        if (name.isEmpty() || scopeList.isEmpty() || !rest.isEmpty()) {
          err.println(USAGE);
          return 2;
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String value : scopeList.get().split("[,\\s]+")) {
          var scope = Scope.of(value);
          if (scope.isEmpty()) {
            err.println("api-key: unknown scope '" + value + "'");
            err.println(USAGE);
            return 2;
          }
          scopes.add(scope.get());
        }
        try {
          var issued = keys.create(name.get(), scopes, "command-line");
          out.println(issued.secret());
          err.println(
              "Created API key "
                  + issued.key().id()
                  + " ('"
                  + issued.key().name()
                  + "', "
                  + scopes
                  + "). The key is shown only now; send it as Authorization: Bearer <key>.");
          return 0;
        } catch (IllegalArgumentException | ApiKeys.NameTakenException e) {
          err.println("api-key: " + e.getMessage());
          return 1;
        }
      }
      case "list" -> {
        for (var key : keys.list()) {
          out.printf(
              "%s  %-24s %-60s %s%n",
              key.id(),
              key.name(),
              key.scopes(),
              key.revokedAt() == null ? "active" : "revoked " + key.revokedAt());
        }
        return 0;
      }
      case "revoke" -> {
        if (rest.size() != 1) {
          err.println(USAGE);
          return 2;
        }
        if (!keys.revoke(rest.getFirst())) {
          err.println("api-key: no active key '" + rest.getFirst() + "'");
          return 1;
        }
        err.println("Revoked API key " + rest.getFirst() + ".");
        return 0;
      }
      default -> {
        err.println(USAGE);
        return 2;
      }
    }
  }

  /** Removes {@code --name value} or {@code --name=value} from the arguments. */
  private static Optional<String> option(List<String> args, String name) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith(name + "=")) {
        args.remove(i);
        return Optional.of(arg.substring(name.length() + 1));
      }
      if (arg.equals(name) && i + 1 < args.size()) {
        args.remove(i);
        return Optional.of(args.remove(i));
      }
    }
    return Optional.empty();
  }
}
