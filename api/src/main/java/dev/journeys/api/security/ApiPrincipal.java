package dev.journeys.api.security;

import java.util.Set;

/**
 * The caller behind a request: the API key it authenticated with, or the identity provider's token
 * ({@link #ofToken}).
 *
 * @param keyId the key's public id ({@code env} for {@code JOURNEYS_ADMIN_API_KEY}); for a token
 *     {@code jwt:<subject>}, so rate limits and event ids are per token subject
 * @param name the key's unique name, e.g. {@code checkout-service}; for a token its subject
 * @param scopes what the key may do
 */
public record ApiPrincipal(String keyId, String name, Set<Scope> scopes) {

  public ApiPrincipal {
    scopes = Set.copyOf(scopes);
  }

  /** Key ids of token callers start with this; stored keys' ids are hex, the admin's is env. */
  static final String TOKEN_PREFIX = "jwt:";

  /** A caller authenticated by an identity provider's JWT, named by the token's subject. */
  static ApiPrincipal ofToken(String subject, Set<Scope> scopes) {
    return new ApiPrincipal(TOKEN_PREFIX + subject, subject, scopes);
  }

  /**
   * How audit trails name the caller (consent source, who added a suppression or decided an
   * experiment): {@code key:checkout-service}, or {@code jwt:<subject>} for a token; never
   * something the request body claims.
   */
  public String auditName() {
    return keyId.startsWith(TOKEN_PREFIX) ? keyId : "key:" + name;
  }
}
