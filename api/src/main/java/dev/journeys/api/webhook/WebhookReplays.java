package dev.journeys.api.webhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Provider callbacks already handled. Signatures such as Twilio's cover no timestamp, so a captured
 * request verifies forever; remembering the provider's id for it lets it count only once.
 */
@Component
public class WebhookReplays {

  private final JdbcClient jdbc;

  public WebhookReplays(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** True the first time this provider's id is seen, false for every repeat. */
  public boolean firstTime(String provider, String messageId) {
    return jdbc.sql(
                """
                insert into webhook_replay_guard (provider, message_id) values (:provider, :id)
                on conflict do nothing""")
            .param("provider", provider)
            .param("id", messageId)
            .update()
        == 1;
  }
}
