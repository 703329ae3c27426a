package dev.journeys.api.privacy;

import dev.journeys.api.NotFoundException;
import dev.journeys.api.customer.CustomerIds;
import dev.journeys.api.security.ApiPrincipal;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Data subjects' rights, as the shop's backend exercises them for its customers: erasure ({@code
 * DELETE /v1/customers/{id}}, scope {@code customers:write}) and access ({@code GET
 * /v1/customers/{id}/export}, scope {@code customers:read}).
 */
@RestController
public class PrivacyController {

  /**
   * What an erasure did. {@code erased} is false when nothing was held any more (an erasure
   * repeated); {@code erasureId} is the reference the audit trail keeps instead of the customer id.
   */
  public record ErasureView(
      boolean erased, String erasureId, Instant erasedAt, Map<String, Integer> removed) {}

  private final CustomerErasure erasure;
  private final CustomerExport export;

  public PrivacyController(CustomerErasure erasure, CustomerExport export) {
    this.erasure = erasure;
    this.export = export;
  }

  /** Removes or anonymises everything held about the customer; repeating it is harmless. */
  @DeleteMapping("/v1/customers/{id}")
  public ErasureView erase(@PathVariable String id, @AuthenticationPrincipal ApiPrincipal caller) {
    CustomerIds.check(id);
    var result = erasure.erase(id, caller.auditName());
    return new ErasureView(
        result.erased(), result.erasureId(), result.erasedAt(), result.removed());
  }

  /** Everything held about the customer: profile, consents and their history, messages, ... */
  @GetMapping(path = "/v1/customers/{id}/export", produces = "application/json")
  public Map<String, Object> export(@PathVariable String id) {
    CustomerIds.check(id);
    return export
        .export(id)
        .orElseThrow(() -> new NotFoundException("nothing is held about customer '" + id + "'"));
  }
}
