package dev.journeys.event.payload;

/** A payload that names the order it is about (or none: {@code orderId} is null). */
public interface AboutOrder {

  String orderId();
}
