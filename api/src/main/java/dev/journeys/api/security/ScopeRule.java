package dev.journeys.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * An endpoint's rule: the caller's key must carry every one of these scopes. It leaves the scopes
 * on the request, so a 403 can name what was missing.
 */
final class ScopeRule implements AuthorizationManager<RequestAuthorizationContext> {

  private static final String REQUIRED = ScopeRule.class.getName() + ".required";

  private final List<Scope> required;

  private ScopeRule(List<Scope> required) {
    this.required = required;
  }

  static ScopeRule all(Scope... scopes) {
    return new ScopeRule(List.of(scopes));
  }

  /** The scopes the rule that refused the request asked for; empty if none did. */
  @SuppressWarnings("unchecked")
  static List<Scope> required(HttpServletRequest request) {
    Object scopes = request.getAttribute(REQUIRED);
    return scopes == null ? List.of() : (List<Scope>) scopes;
  }

  @Override
  public AuthorizationDecision check(
      Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    context.getRequest().setAttribute(REQUIRED, required);
    Authentication caller = authentication.get();
    if (caller == null
        || !caller.isAuthenticated()
        || caller instanceof AnonymousAuthenticationToken) {
      return new AuthorizationDecision(false);
    }
    Set<String> granted =
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .collect(java.util.stream.Collectors.toSet());
    return new AuthorizationDecision(
        required.stream().map(Scope::value).allMatch(granted::contains));
  }
}
