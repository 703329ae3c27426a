package dev.journeys.journey.support;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Handoff;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The brief, line by line: see {@link SupportEscalationJourney}. */
public class SupportEscalationJourneyImpl implements SupportEscalationJourney {

  static final Set<String> URGENT_CATEGORIES = Set.of("complaint", "refund", "damaged_order");
  static final Duration AUTOMATED_ANSWER_GRACE = Duration.ofDays(1);
  static final Duration WAIT_FOR_RESOLUTION = Duration.ofDays(7);

  static final Message AUTOMATED_ANSWER = Message.email("support-answer").transactional();

  private final Journey journey = Journey.create();

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    Map<String, Object> ticket = enrollment.triggerProperties();
    String category = String.valueOf(ticket.getOrDefault("category", "question"));
    String subject = String.valueOf(ticket.getOrDefault("subject", "Customer request"));
    return journey.run(
        enrollment,
        () -> {
          journey.step("triage");
          boolean vip = journey.attribute("tier").filter("vip"::equals).isPresent();
          if (URGENT_CATEGORIES.contains(category) || vip) {
            handOffAndWait(Handoff.to(subject).urgent().because(vip ? "vip" : category));
            return;
          }

          journey.send("automated-answer", AUTOMATED_ANSWER.with(ticket));

          journey.step("wait-for-resolution");
          if (journey.waitFor(EventTypes.TICKET_RESOLVED, AUTOMATED_ANSWER_GRACE).isPresent()) {
            return;
          }
          handOffAndWait(Handoff.to(subject).because("unresolved after automated answer"));
        });
  }

  private void handOffAndWait(Handoff handoff) {
    var opened = journey.handOff("human-handoff", handoff);
    journey.step("wait-for-agent").awaitResolution(opened, WAIT_FOR_RESOLUTION);
  }

  @Override
  public void onEvent(CustomerEvent event) {
    journey.receive(event);
  }

  @Override
  public JourneyState state() {
    return journey.state();
  }
}
