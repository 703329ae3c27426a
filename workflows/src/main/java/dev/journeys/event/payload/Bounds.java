package dev.journeys.event.payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range an {@code Integer} component must lie in at the API, so that a journey never computes a
 * wait that overflows (a replenishment 10^15 days after delivery).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Bounds {
  long min();

  long max();
}
