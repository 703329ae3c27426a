package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import java.util.List;
import java.util.Map;

/**
 * What a journey takes with it into a new run when it continues as new, bounded however long it
 * runs: ids of the events it has seen (so it still ignores them), only the events it has not yet
 * looked at, its loops, its send idempotency keys, and the loop it continued in (so the new run
 * repeats no send or handoff from before that loop).
 *
 * @param events the events the next run still has to see ({@link #seenEventIds} set), or every
 *     event (carried by older versions, {@code seenEventIds} null)
 * @param seenEventIds the newest ids of events already received, at most {@link #MAX_SEEN_IDS}
 * @param resumeLoop the {@code repeat} loop the journey continued in, or null
 */
public record JourneyCarryover(
    String step,
    List<CustomerEvent> events,
    Map<String, Integer> sendsPerStep,
    List<JourneyState.MessageRecord> messages,
    Map<String, String> variants,
    Map<String, Integer> progress,
    List<String> seenEventIds,
    String resumeLoop) {

  /** Event ids kept for de-duplication; the API de-duplicates event ids as well. */
  public static final int MAX_SEEN_IDS = 1_000;

  /** Events not yet looked at, carried at most (the newest). */
  public static final int MAX_UNSEEN_EVENTS = 100;

  public JourneyCarryover {
    events = events == null ? List.of() : List.copyOf(events);
    seenEventIds = seenEventIds == null ? null : List.copyOf(seenEventIds);
    sendsPerStep = sendsPerStep == null ? Map.of() : Map.copyOf(sendsPerStep);
    messages = messages == null ? List.of() : List.copyOf(messages);
    variants = variants == null ? Map.of() : Map.copyOf(variants);
    progress = progress == null ? Map.of() : Map.copyOf(progress);
  }
}
