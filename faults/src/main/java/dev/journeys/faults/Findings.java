package dev.journeys.faults;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the fault injectors measured: notes for the report, violations that fail the run. */
final class Findings {

  private final Queue<String> notes = new ConcurrentLinkedQueue<>();
  private final Queue<String> violations = new ConcurrentLinkedQueue<>();

  void note(Fault fault, String text) {
    notes.add(fault.cliName() + ": " + text);
  }

  void violation(Fault fault, String text) {
    violations.add(fault.cliName() + ": " + text);
  }

  /** About the whole run rather than one fault. */
  void note(String text) {
    notes.add("suite: " + text);
  }

  void violation(String text) {
    violations.add("suite: " + text);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }
}
