package dev.journeys.journey;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journey's search-attribute updates. Each upsert is a command the server writes to history and
 * to visibility, so since {@link Journey#LEAN_FIRST_TASK} the updates a workflow task makes are
 * gathered and upserted together before the journey waits, sends, calls out or ends ({@link
 * #flush}): a new enrollment's step and experiment arm are one upsert, not three. Enrollments
 * started before it upsert each change at once, as their histories have it.
 */
final class AttributeUpdates {

  private final Map<String, SearchAttributeUpdate<?>> pending = new LinkedHashMap<>();
  private boolean gathering;

  /** From now on, updates wait for {@link #flush}. */
  void gather() {
    gathering = true;
  }

  /**
   * Upserts at once, or (gathering) keeps the updates for the flush. Only different attributes are
   * merged: a new value of one that is already waiting flushes the waiting one first, so every
   * value still reaches history, e.g. each step a journey enters (the worker counts steps by their
   * upserts, and the step a journey ended at is the last one upserted before its outcome).
   */
  void set(SearchAttributeUpdate<?>... updates) {
    if (!gathering) {
      Workflow.upsertTypedSearchAttributes(updates);
      return;
    }
    for (var update : updates) {
      var waiting = pending.get(update.getKey().getName());
      if (waiting != null && !waiting.getValue().equals(update.getValue())) {
        flush();
      }
    }
    for (var update : updates) {
      pending.put(update.getKey().getName(), update);
    }
  }

  /** Upserts the gathered updates, if any, as one command. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    var updates = pending.values().toArray(SearchAttributeUpdate<?>[]::new);
    pending.clear();
    Workflow.upsertTypedSearchAttributes(updates);
  }
}
