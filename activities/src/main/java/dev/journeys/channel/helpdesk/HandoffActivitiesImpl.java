package dev.journeys.channel.helpdesk;

import dev.journeys.handoff.HandoffActivities;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.handoff.HandoffTicket;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Opens handoff tickets in the configured helpdesk. Without one, a handoff fails at once (not
 * retried) with a message naming the missing setting.
 */
public class HandoffActivitiesImpl implements HandoffActivities {

  private final Optional<HttpHelpdesk> helpdesk;

  public HandoffActivitiesImpl(Optional<HttpHelpdesk> helpdesk) {
    this.helpdesk = helpdesk;
  }

  @Override
  public HandoffTicket openTicket(HandoffRequest request) {
    var desk =
        helpdesk.orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no helpdesk configured: set journeys.channels.helpdesk.base-url",
                    "HelpdeskNotConfigured"));
    return new HandoffTicket(desk.openTicket(request));
  }
}
