package dev.journeys.devstack;

/** What the developer sees once the local stack is up: where things are and what to try first. */
final class LocalStackBanner {

  private LocalStackBanner() {}

  static String text(String apiUrl, String temporalUi, String mail, String sms, String apiKey) {
    return """

        ==================================================================================
         Journeys is running. Ctrl-C stops everything.

           API          %1$s
           Temporal UI  %2$s
           Mail         %3$s
           SMS          %4$s
           API key      %5$s   (admin; also in .journeys/admin-api-key)
           State, logs  .journeys/

         Try it:

           export JOURNEYS_KEY=%5$s

           curl -X PUT %1$s/v1/customers/ada -H "Authorization: Bearer $JOURNEYS_KEY" \\
             -H 'Content-Type: application/json' -d '{
             "email":"ada@example.com","phone":"+15551234567","timeZone":"Europe/Berlin",
             "locale":"en","firstName":"Ada","consents":[
               {"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
               {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}'

           curl -X POST %1$s/v1/events -H "Authorization: Bearer $JOURNEYS_KEY" \\
             -H 'Content-Type: application/json' -d '{
             "eventId":"e-1","customerId":"ada","type":"cart_abandoned",
             "occurredAt":"2026-11-23T10:00:00Z","properties":{"cartTotal":"59.90"}}'

         Then watch the journey in the Temporal UI and the messages in this log.
        ==================================================================================
        """
        .formatted(apiUrl, temporalUi, mail, sms, apiKey);
  }
}
