package dev.journeys.api;

import dev.journeys.activities.JourneyStoreConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The HTTP API: customer events in (journeys started and signalled), profiles and consent, read
 * endpoints. It never talks to channel providers.
 */
@SpringBootApplication
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

  public static void main(String[] args) {
    builder().run(args);
  }
}
