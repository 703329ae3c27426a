package dev.journeys.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>}: the environment's admin key or a stored
 * key, or, when an identity provider is configured ({@link JwtBearerTokens}), its JWT. A request
 * without valid credentials stays anonymous; whether that is enough is up to the endpoint's rule,
 * and presented but refused credentials are remembered (with the reason) so the 401 can say so.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  /** Request attribute set when a key was presented but not accepted: why, as a String. */
  static final String REJECTED = ApiKeyAuthenticationFilter.class.getName() + ".rejected";

  static final ApiPrincipal ENV_ADMIN =
      new ApiPrincipal("env", "admin", EnumSet.allOf(Scope.class));

  /** An authenticated API key; its scopes are its authorities. */
  static final class ApiKeyAuthentication extends AbstractAuthenticationToken {
    private final ApiPrincipal principal;

    ApiKeyAuthentication(ApiPrincipal principal) {
      super(principal.scopes().stream().map(s -> new SimpleGrantedAuthority(s.value())).toList());
      this.principal = principal;
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return "";
    }

    @Override
    public ApiPrincipal getPrincipal() {
      return principal;
    }
  }

  static final String UNKNOWN_KEY = "the API key is malformed, unknown or revoked";

  private final ApiKeys keys;
  private final byte[] adminKeyHash;
  private final JwtBearerTokens tokens;

  /** With {@code tokens} null, only API keys are accepted. */
  ApiKeyAuthenticationFilter(
      ApiKeys keys, ApiSecurityProperties properties, JwtBearerTokens tokens) {
    this.keys = keys;
    this.tokens = tokens;
    this.adminKeyHash =
        properties.hasAdminApiKey() ? ApiKeys.sha256(properties.adminApiKey()) : null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      String token = bearer(header);
      // the admin key first: whatever it looks like, it is never taken for a token
      if (token != null
          && tokens != null
          && JwtBearerTokens.looksLikeJwt(token)
          && !isAdminKey(token)) {
        var outcome = tokens.authenticate(token);
        if (outcome.principal().isPresent()) {
          authenticated(outcome.principal().get());
        } else {
          request.setAttribute(REJECTED, outcome.rejection().reason());
        }
      } else {
        Optional<ApiPrincipal> principal = token == null ? Optional.empty() : authenticate(token);
        if (principal.isPresent()) {
          authenticated(principal.get());
        } else {
          request.setAttribute(REJECTED, UNKNOWN_KEY);
        }
      }
    }
    chain.doFilter(request, response);
  }

  private static void authenticated(ApiPrincipal principal) {
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new ApiKeyAuthentication(principal));
    SecurityContextHolder.setContext(context);
  }

  /** The bearer value, or null if the header is no bearer credential. */
  private static String bearer(String header) {
    if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  /** Digests of equal length, compared in constant time: the admin key leaks nothing by timing. */
  private boolean isAdminKey(String key) {
    return adminKeyHash != null && MessageDigest.isEqual(adminKeyHash, ApiKeys.sha256(key));
  }

  private Optional<ApiPrincipal> authenticate(String key) {
    if (key.isEmpty() || key.length() > 200) {
      return Optional.empty();
    }
    if (isAdminKey(key)) {
      return Optional.of(ENV_ADMIN);
    }
    return keys.authenticate(key);
  }
}
