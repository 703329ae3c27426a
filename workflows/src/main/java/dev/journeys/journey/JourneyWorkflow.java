package dev.journeys.journey;

import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowMethod;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * One workflow a journey brings to the worker: its interface, how to build its implementation and,
 * if it has any, the settings it is built with and where configuration keeps them.
 *
 * @param type the {@code @WorkflowInterface}
 * @param settingsPrefix configuration prefix of its settings (e.g. {@code
 *     journeys.abandoned-cart}), or null when it has none
 * @param defaults its settings when configuration says nothing (a record: each component is a key
 *     under the prefix, e.g. {@code reminderDelay} is {@code
 *     journeys.abandoned-cart.reminder-delay}), or null when it has none
 * @param factory builds a fresh implementation for each workflow run from the settings (null when
 *     it has none)
 * @param <S> the settings type, {@code Void} when it has none
 */
public record JourneyWorkflow<S>(
    Class<?> type, String settingsPrefix, S defaults, Function<S, ?> factory) {

  public JourneyWorkflow {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factory, "factory");
    workflowTypeOf(type); // fails now, not when the worker registers it
    if ((settingsPrefix == null) != (defaults == null)) {
      throw new IllegalArgumentException(
          type.getSimpleName() + ": settings need both a configuration prefix and defaults");
    }
  }

  /** Where a worker (or a test) gets a workflow's settings from. */
  @FunctionalInterface
  public interface SettingsSource {

    /** The settings under {@code prefix}, {@code defaults} for whatever is not configured. */
    <S> S settings(String prefix, Class<S> type, S defaults);

    /** Every workflow with its default settings. */
    SettingsSource DEFAULTS =
        new SettingsSource() {
          @Override
          public <S> S settings(String prefix, Class<S> type, S defaults) {
            return defaults;
          }
        };
  }

  /** A workflow without settings. */
  public static <T> JourneyWorkflow<Void> of(
      Class<T> type, java.util.function.Supplier<? extends T> implementation) {
    return new JourneyWorkflow<>(type, null, null, ignored -> implementation.get());
  }

  /** A workflow built from settings that the worker reads from configuration under the prefix. */
  public static <T, S> JourneyWorkflow<S> configured(
      Class<T> type, String settingsPrefix, S defaults, Function<S, ? extends T> implementation) {
    return new JourneyWorkflow<>(type, settingsPrefix, defaults, implementation);
  }

  public boolean hasSettings() {
    return defaults != null;
  }

  /** The settings' record type, or null when it has none. */
  @SuppressWarnings("unchecked")
  public Class<S> settingsType() {
    return defaults == null ? null : (Class<S>) defaults.getClass();
  }

  /** The Temporal workflow type: the name of the interface's {@code @WorkflowMethod}. */
  public String workflowType() {
    return workflowTypeOf(type);
  }

  /** The settings this workflow runs with, as the source says. */
  public S settingsFrom(SettingsSource source) {
    return hasSettings() ? source.settings(settingsPrefix, settingsType(), defaults) : null;
  }

  /**
   * Registers the workflow on a worker, its settings read once from the source (so bad
   * configuration fails at startup, not in a running journey).
   */
  public void registerOn(Worker worker, SettingsSource source) {
    S settings = settingsFrom(source);
    register(worker, type, () -> factory.apply(settings));
  }

  private static <T> void register(
      Worker worker, Class<T> type, java.util.function.Supplier<?> implementation) {
    worker.registerWorkflowImplementationFactory(type, () -> type.cast(implementation.get()));
  }

  static String workflowTypeOf(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .map(m -> m.getAnnotation(WorkflowMethod.class))
        .filter(Objects::nonNull)
        .findFirst()
        .map(m -> m.name().isEmpty() ? type.getSimpleName() : m.name())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    type.getName() + " has no @WorkflowMethod: not a workflow interface"));
  }
}
