package dev.journeys.api;

import dev.journeys.activities.JourneyStoreConfiguration;
import dev.journeys.api.security.ApiKeyCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The HTTP API: customer events in (journeys started and signalled), profiles and consent, read
 * endpoints. It never talks to channel providers.
 */
// API keys are the only users: no generated password, no in-memory user
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@Import(JourneyStoreConfiguration.class)
public class JourneysApiApplication {

  /**
   * The application with its own config name ({@code journeys-api.yml}), so it can share a JVM with
   * the worker in the local stack and in end-to-end tests.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(JourneysApiApplication.class)
        .properties("spring.config.name=journeys-api");
  }

  /** Runs the API; {@code api-key ...} instead manages API keys (see {@link ApiKeyCommand}). */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("api-key")) {
      ApiKeyCommand.main(args);
      return;
    }
    builder().run(args);
  }
}
