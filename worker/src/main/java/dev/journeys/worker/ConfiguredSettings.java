package dev.journeys.worker;

import dev.journeys.journey.JourneyWorkflow;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;

/**
 * A journey workflow's settings from configuration: each component of its settings record is the
 * key of the same name, in kebab case, under the workflow's prefix ({@code reminderDelay} of {@code
 * journeys.abandoned-cart} is {@code journeys.abandoned-cart.reminder-delay}, or {@code
 * JOURNEYS_ABANDONEDCART_REMINDERDELAY} in the environment), with the usual conversions ({@code
 * 1h}, {@code 60d}, lists). A component not configured keeps its default. The settings record's
 * constructor validates them, so bad values fail at startup.
 */
final class ConfiguredSettings implements JourneyWorkflow.SettingsSource {

  private final Binder binder;

  ConfiguredSettings(Binder binder) {
    this.binder = binder;
  }

  @Override
  public <S> S settings(String prefix, Class<S> type, S defaults) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(
          "settings of " + prefix + " must be a record, was " + type.getName());
    }
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      Object fallback = valueOf(component, defaults);
      values[i] =
          binder
              .bind(
                  prefix + "." + kebab(component.getName()),
                  Bindable.of(ResolvableType.forType(component.getGenericType())))
              .orElse(fallback);
    }
    try {
      var constructor =
          type.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "invalid settings under " + prefix + ": " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  private static Object valueOf(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  /** {@code smsLastCallWeight} to {@code sms-last-call-weight}. */
  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
