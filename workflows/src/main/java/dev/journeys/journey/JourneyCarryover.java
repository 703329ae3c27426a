package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import java.util.List;
import java.util.Map;

/**
 * What a journey takes with it into a new run when it continues as new: everything {@link Journey}
 * knows, so the next run resumes its loops, keeps its send idempotency keys and still ignores
 * events it has seen.
 */
public record JourneyCarryover(
    String step,
    List<CustomerEvent> events,
    Map<String, Integer> sendsPerStep,
    List<JourneyState.MessageRecord> messages,
    Map<String, String> variants,
    Map<String, Integer> progress) {

  public JourneyCarryover {
    events = events == null ? List.of() : List.copyOf(events);
    sendsPerStep = sendsPerStep == null ? Map.of() : Map.copyOf(sendsPerStep);
    messages = messages == null ? List.of() : List.copyOf(messages);
    variants = variants == null ? Map.of() : Map.copyOf(variants);
    progress = progress == null ? Map.of() : Map.copyOf(progress);
  }
}
