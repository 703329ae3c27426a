package dev.journeys.channel;

/**
 * The provider refused the message and retrying will not help (invalid address, rejected content).
 * {@code reason} is short and machine-readable, e.g. {@code invalid_number}; it lands in the
 * ledger.
 */
public class PermanentDeliveryFailure extends Exception {
  private final String reason;

  public PermanentDeliveryFailure(String reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
