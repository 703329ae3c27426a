package dev.journeys.api.security;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.input.RejectUnknownFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /v1/admin/api-keys}: create, list and revoke API keys (scope {@code admin}). */
@RestController
public class ApiKeyController {

  /** The body of {@code POST /v1/admin/api-keys}. */
  @RejectUnknownFields
  public record CreateRequest(String name, List<String> scopes) {}

  /** A key as shown; {@code key} only in the answer to its creation. */
  public record KeyView(
      String id,
      String name,
      List<String> scopes,
      String createdBy,
      Instant createdAt,
      Instant revokedAt,
      String key) {

    static KeyView of(ApiKeys.ApiKey key, String secret) {
      return new KeyView(
          key.id(),
          key.name(),
          key.scopes().stream().map(Scope::value).sorted().toList(),
          key.createdBy(),
          key.createdAt(),
          key.revokedAt(),
          secret);
    }
  }

  private final ApiKeys keys;

  public ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  /** Creates a key; the answer carries the key itself, which is never shown again. */
  @PostMapping(path = "/v1/admin/api-keys", consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  public KeyView create(
      @RequestBody CreateRequest request, @AuthenticationPrincipal ApiPrincipal caller) {
    List<InvalidRequestException.FieldError> errors = new ArrayList<>();
    if (request.name() == null || !ApiKeys.NAME.matcher(request.name()).matches()) {
      errors.add(
          new InvalidRequestException.FieldError(
              "name", "must be 1-50 lowercase letters, digits and . _ - such as checkout-service"));
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (request.scopes() == null || request.scopes().isEmpty()) {
      errors.add(new InvalidRequestException.FieldError("scopes", "must list at least one scope"));
    } else {
      for (int i = 0; i < request.scopes().size(); i++) {
        var scope = Scope.of(request.scopes().get(i));
        if (scope.isPresent()) {
          scopes.add(scope.get());
        } else {
          errors.add(
              new InvalidRequestException.FieldError(
                  "scopes[" + i + "]",
                  "must be one of " + java.util.Arrays.toString(Scope.values())));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("invalid API key request", errors);
    }
    try {
      var issued = keys.create(request.name(), scopes, caller.auditName());
      return KeyView.of(issued.key(), issued.secret());
    } catch (ApiKeys.NameTakenException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
    }
  }

  @GetMapping("/v1/admin/api-keys")
  public List<KeyView> list() {
    return keys.list().stream().map(k -> KeyView.of(k, null)).toList();
  }

  /** Revokes the key: its next request is refused with 401. */
  @DeleteMapping("/v1/admin/api-keys/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void revoke(@PathVariable String id) {
    if (!keys.revoke(id)) {
      throw new NotFoundException("no active API key '" + id + "'");
    }
  }
}
