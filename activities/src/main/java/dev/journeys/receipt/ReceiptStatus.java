package dev.journeys.receipt;

/** What a provider reported about a message after accepting it. */
public enum ReceiptStatus {
  DELIVERED,
  READ,
  /** Not delivered (unreachable, rejected downstream); the address may still be fine. */
  FAILED,
  /** A hard bounce: the address does not exist. The address is suppressed. */
  BOUNCED,
  /** The recipient marked it as spam. The address is suppressed. */
  COMPLAINED;

  /** True when the message reached the customer. */
  public boolean reached() {
    return this == DELIVERED || this == READ;
  }

  /** True when the address must not be used again. */
  public boolean suppressesAddress() {
    return this == BOUNCED || this == COMPLAINED;
  }
}
