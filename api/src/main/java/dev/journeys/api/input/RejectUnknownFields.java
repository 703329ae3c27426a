package dev.journeys.api.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body whose unknown fields are refused (400) rather than ignored: for bodies where a
 * typo would silently drop data, such as {@code timezone} for {@code timeZone} on a profile PUT,
 * which would erase the stored time zone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RejectUnknownFields {}
