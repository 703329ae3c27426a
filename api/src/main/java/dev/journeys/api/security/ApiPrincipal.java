package dev.journeys.api.security;

import java.util.Set;

/**
 * The caller behind a request: the API key it authenticated with.
 *
 * @param keyId the key's public id ({@code env} for {@code JOURNEYS_ADMIN_API_KEY})
 * @param name the key's unique name, e.g. {@code checkout-service}
 * @param scopes what the key may do
 */
public record ApiPrincipal(String keyId, String name, Set<Scope> scopes) {

  public ApiPrincipal {
    scopes = Set.copyOf(scopes);
  }

  /**
   * How audit trails name the caller (consent source, who added a suppression or decided an
   * experiment): {@code key:checkout-service}, never something the request body claims.
   */
  public String auditName() {
    return "key:" + name;
  }
}
