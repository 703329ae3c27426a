package dev.journeys.customer;

/** A customer's answer for one channel and topic. No row at all means "not asked". */
public enum ConsentStatus {
  GRANTED,
  DENIED
}
