package dev.journeys.api.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.page.Page;
import dev.journeys.api.page.PageCursor;
import dev.journeys.api.security.ApiPrincipal;
import dev.journeys.customer.Consent;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.customer.PushToken;
import dev.journeys.ledger.LedgerEntry;
import dev.journeys.ledger.MessageLedger;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer profiles and consent, and the message timeline support reads. */
@RestController
public class CustomerController {

  private final CustomerProfiles profiles;
  private final MessageLedger ledger;
  private final ObjectMapper json;
  private final Validator validator;

  public CustomerController(
      CustomerProfiles profiles, MessageLedger ledger, ObjectMapper json, Validator validator) {
    this.profiles = profiles;
    this.ledger = ledger;
    this.json = json;
    this.validator = validator;
  }

  /**
   * Creates or replaces the profile: a field left out is cleared, an unknown one (a typo such as
   * {@code timezone}) is refused rather than taken for a field left out.
   */
  @PutMapping(path = "/v1/customers/{id}", consumes = "application/json")
  public CustomerView put(
      @PathVariable String id,
      @Valid @RequestBody CustomerRequest request,
      @AuthenticationPrincipal ApiPrincipal caller) {
    checkId(id);
    return save(id, request, caller);
  }

  /** Changes only the fields given (JSON merge patch); see {@link CustomerPatch}. */
  @PatchMapping(
      path = "/v1/customers/{id}",
      consumes = {"application/merge-patch+json", "application/json"})
  public CustomerView patch(
      @PathVariable String id,
      @RequestBody JsonNode patch,
      @AuthenticationPrincipal ApiPrincipal caller) {
    checkId(id);
    if (!(patch instanceof ObjectNode changes)) {
      throw new InvalidRequestException(
          "the patch must be a JSON object",
          List.of(new InvalidRequestException.FieldError("body", "must be a JSON object")));
    }
    var stored =
        profiles.find(id).orElseThrow(() -> new NotFoundException("no customer '" + id + "'"));
    ObjectNode merged = json.valueToTree(CustomerPatch.current(stored, profiles.attributes(id)));
    CustomerPatch.merge(merged, changes);
    CustomerRequest request;
    try {
      request = json.treeToValue(merged, CustomerRequest.class);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "the patch does not make a valid profile",
          List.of(new InvalidRequestException.FieldError(path(e), e.getOriginalMessage())));
    }
    List<InvalidRequestException.FieldError> errors =
        validator.validate(request).stream()
            .map(
                v ->
                    new InvalidRequestException.FieldError(
                        v.getPropertyPath().toString(), v.getMessage()))
            .toList();
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("the patched profile has invalid fields", errors);
    }
    return save(id, request, caller);
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
        && !mapping.getPath().isEmpty()) {
      return mapping.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
    }
    return "body";
  }

  private CustomerView save(String id, CustomerRequest request, ApiPrincipal caller) {
    Set<Consent> consents =
        request.consents() == null
            ? Set.of()
            : request.consents().stream()
                .map(c -> new Consent(c.channel(), c.topic(), c.status(), null, null))
                .collect(Collectors.toSet());
    var customer =
        new Customer(
            id,
            request.email(),
            request.phone(),
            request.timeZone(),
            request.locale(),
            request.firstName(),
            consents,
            null,
            request.whatsappNumber(),
            request.messengerPsid(),
            request.instagramId(),
            request.pushTokens() == null
                ? Set.of()
                : request.pushTokens().stream()
                    .map(token -> new PushToken(token, null))
                    .collect(Collectors.toSet()),
            request.region(),
            request.preferredChannel());
    var saved = profiles.save(customer, request.attributes(), caller.auditName());
    return new CustomerView(saved, profiles.attributes(id));
  }

  @GetMapping("/v1/customers/{id}")
  public CustomerView get(@PathVariable String id) {
    checkId(id);
    var customer =
        profiles.find(id).orElseThrow(() -> new NotFoundException("no customer '" + id + "'"));
    return new CustomerView(customer, profiles.attributes(id));
  }

  /**
   * Every send decision for the customer, newest first: sent, suppressed (why), failed (why). A
   * page that more entries follow links the next one ({@link Page}); {@code cursor} asks for it.
   */
  @GetMapping("/v1/customers/{id}/messages")
  public ResponseEntity<List<LedgerEntry>> messages(
      @PathVariable String id,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) String cursor) {
    checkId(id);
    Page.checkLimit(limit, 1000);
    PageCursor after = PageCursor.decode(LEDGER, cursor);
    List<LedgerEntry> rows =
        after == null
            ? ledger.forCustomer(id, Page.fetchSize(limit))
            : ledger.forCustomerAfter(id, after.at(), after.key(), Page.fetchSize(limit));
    return Page.of(
            rows,
            limit,
            (LedgerEntry last) ->
                new PageCursor(last.createdAt(), last.idempotencyKey()).encode(LEDGER))
        .response();
  }

  /** The ledger's name in its cursors. */
  private static final String LEDGER = "ledger";

  static void checkId(String id) {
    CustomerIds.check(id);
  }
}
