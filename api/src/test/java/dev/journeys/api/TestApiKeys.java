package dev.journeys.api;

import java.util.ArrayList;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * The API tests' credentials: the environment admin key (every scope), set with {@link #PROPERTY}
 * and sent on every request that names no other key.
 */
public final class TestApiKeys {

  private TestApiKeys() {}

  public static final String ADMIN_KEY = "test-admin-key-0123456789-abcdefghijklmnop";
  public static final String PROPERTY = "journeys.security.admin-api-key=" + ADMIN_KEY;

  /** Marks the interceptor, so adding it twice (once per test) keeps one. */
  private interface AdminKey extends ClientHttpRequestInterceptor {}

  /** Makes the client send the admin key unless a request sets its own Authorization header. */
  public static void authorize(TestRestTemplate http) {
    var interceptors = new ArrayList<>(http.getRestTemplate().getInterceptors());
    interceptors.removeIf(AdminKey.class::isInstance);
    interceptors.add(
        (AdminKey)
            (request, body, execution) -> {
              if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(ADMIN_KEY);
              }
              return execution.execute(request, body);
            });
    http.getRestTemplate().setInterceptors(interceptors);
  }
}
