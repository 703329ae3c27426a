package dev.journeys.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A cheap fingerprint of the message ledger, to notice when it stops changing. */
final class LedgerSignature {

  private LedgerSignature() {}

  static String of(String jdbcUrl) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        var statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "select count(*), coalesce(max(updated_at)::text, ''), coalesce(sum(attempts), 0)"
                    + " from message_ledger")) {
      result.next();
      return result.getLong(1) + "/" + result.getString(2) + "/" + result.getLong(3);
    } catch (SQLException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  /** How many sends are under way (PENDING: allowed, handed to the provider, not confirmed). */
  static long pending(String jdbcUrl) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        var statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "select count(*) from message_ledger where status = 'PENDING'")) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }
}
