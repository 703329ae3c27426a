package dev.journeys.channel.helpdesk;

import dev.journeys.handoff.HandoffActivities;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.handoff.HandoffTicket;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Opens handoff tickets in the configured helpdesk. Without one, the handoff goes to the support
 * mailbox ({@link HelpdeskFallback}), and the ledger says so.
 */
public class HandoffActivitiesImpl implements HandoffActivities {

  private final Optional<HttpHelpdesk> helpdesk;
  private final Optional<HelpdeskFallback> fallback;

  public HandoffActivitiesImpl(
      Optional<HttpHelpdesk> helpdesk, Optional<HelpdeskFallback> fallback) {
    this.helpdesk = helpdesk;
    this.fallback = fallback;
  }

  /** Without a fallback: a handoff without a helpdesk fails at once, naming the setting. */
  public HandoffActivitiesImpl(Optional<HttpHelpdesk> helpdesk) {
    this(helpdesk, Optional.empty());
  }

  @Override
  public HandoffTicket openTicket(HandoffRequest request) {
    if (helpdesk.isPresent()) {
      return new HandoffTicket(helpdesk.get().openTicket(request));
    }
    return fallback
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no helpdesk configured: set journeys.channels.helpdesk.base-url",
                    "HelpdeskNotConfigured"))
        .openTicket(request);
  }
}
