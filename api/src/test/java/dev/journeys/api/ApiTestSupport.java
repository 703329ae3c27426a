package dev.journeys.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API over HTTP on a random port, on a fresh PostgreSQL database and Temporal's in-memory test
 * server, for API tests to extend.
 *
 * <p>Every subclass shares this configuration, so Spring would hand them all one cached context and
 * one database; the context is closed after each test class so that each class starts on a database
 * of its own, as if it had declared its own configuration.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ApiTestSupport {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired protected TestRestTemplate http;
  @Autowired protected ObjectMapper json;

  /** Every request sends the admin key (every scope) unless it sets its own. */
  @BeforeEach
  void sendTheAdminKey() {
    TestApiKeys.authorize(http);
  }

  /** Sends a JSON body with the method to the path. */
  protected ResponseEntity<String> sendJson(HttpMethod method, String path, String body) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }
}
