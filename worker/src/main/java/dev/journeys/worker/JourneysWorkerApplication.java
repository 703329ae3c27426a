package dev.journeys.worker;

import dev.journeys.activities.ChannelConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** Hosts the Temporal worker that runs every journey and its activities. */
@SpringBootApplication
@Import(ChannelConfiguration.class)
public class JourneysWorkerApplication {

  /**
   * The application with its own config name ({@code journeys-worker.yml}), so it can share a JVM
   * with the API in the local stack and in end-to-end tests.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(JourneysWorkerApplication.class)
        .properties("spring.config.name=journeys-worker");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
