package dev.journeys.api.customer;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.security.ApiPrincipal;
import dev.journeys.customer.Consent;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.customer.PushToken;
import dev.journeys.ledger.LedgerEntry;
import dev.journeys.ledger.MessageLedger;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer profiles and consent, and the message timeline support reads. */
@RestController
public class CustomerController {

  private static final java.util.regex.Pattern CUSTOMER_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

  private final CustomerProfiles profiles;
  private final MessageLedger ledger;

  public CustomerController(CustomerProfiles profiles, MessageLedger ledger) {
    this.profiles = profiles;
    this.ledger = ledger;
  }

  @PutMapping(path = "/v1/customers/{id}", consumes = "application/json")
  public CustomerView put(
      @PathVariable String id,
      @Valid @RequestBody CustomerRequest request,
      @AuthenticationPrincipal ApiPrincipal caller) {
    checkId(id);
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

  /** Every send decision for the customer, newest first: sent, suppressed (why), failed (why). */
  @GetMapping("/v1/customers/{id}/messages")
  public List<LedgerEntry> messages(
      @PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
    checkId(id);
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException(
          "limit must be between 1 and 1000",
          List.of(new InvalidRequestException.FieldError("limit", "must be between 1 and 1000")));
    }
    return ledger.forCustomer(id, limit);
  }

  static void checkId(String id) {
    if (!CUSTOMER_ID.matcher(id).matches()) {
      throw new InvalidRequestException(
          "invalid customer id",
          List.of(
              new InvalidRequestException.FieldError(
                  "id", "must be 1-200 characters of letters, digits and . _ : @ -")));
    }
  }
}
