package dev.journeys.api.customer;

import dev.journeys.api.input.RejectUnknownFields;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /v1/customers/{id}}. Consents not listed are left as they are; {@code
 * attributes} (free-form profile data journeys branch on) replace the stored ones when given.
 */
@RejectUnknownFields
public record CustomerRequest(
    @Email @Size(max = 320) String email,
    @Pattern(
            regexp = "\\+[1-9][0-9]{6,14}",
            message = "must be an E.164 number such as +15551234567")
        String phone,
    @Size(max = 64) String timeZone,
    @Pattern(
            regexp = "[a-z]{2,3}(-[A-Z]{2})?",
            message = "must be a language tag such as en or de-AT")
        String locale,
    @Size(max = 100) String firstName,
    // a null entry would reach the profile store as a consent without channel: 400, not 500
    @Valid List<@NotNull ConsentRequest> consents,
    @Pattern(
            regexp = "\\+[1-9][0-9]{6,14}",
            message = "must be an E.164 number such as +15551234567")
        String whatsappNumber,
    @Size(max = 100) String messengerPsid,
    @Size(max = 100) String instagramId,
    @Size(max = 20)
        List<@jakarta.validation.constraints.NotBlank @Size(max = 4096) String> pushTokens,
    @Pattern(
            regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?",
            message = "must be an ISO 3166 country or subdivision such as US or US-FL")
        String region,
    Channel preferredChannel,
    @Size(max = 100, message = "must have at most 100 attributes") Map<String, Object> attributes) {

  /** A request without messaging-app addresses, push tokens or region. */
  public CustomerRequest(
      String email,
      String phone,
      String timeZone,
      String locale,
      String firstName,
      List<ConsentRequest> consents) {
    this(
        email, phone, timeZone, locale, firstName, consents, null, null, null, null, null, null,
        null);
  }

  @RejectUnknownFields
  public record ConsentRequest(
      @NotNull Channel channel, @NotNull Topic topic, @NotNull ConsentStatus status) {}

  @AssertTrue(message = "timeZone must be an IANA time zone such as Europe/Berlin")
  boolean isTimeZoneValid() {
    if (timeZone == null) {
      return true;
    }
    try {
      ZoneId.of(timeZone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
