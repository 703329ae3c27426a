package dev.journeys.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Push device tokens outside the profile's save cycle: the push service retires them. */
@Repository
public class PushTokens {

  private final JdbcClient jdbc;

  public PushTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Forgets a token the push service no longer knows, on whichever profile holds it. */
  public int remove(String token) {
    return jdbc.sql("delete from customer_push_token where token = :token")
        .param("token", token)
        .update();
  }
}
