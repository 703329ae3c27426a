package dev.journeys.api.webhook;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.ledger.LedgerEntry;
import dev.journeys.receipt.MessageReceipt;
import dev.journeys.receipt.MessageReceipts;
import dev.journeys.receipt.ReceiptStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the journey that sent a message what became of it: a {@code message_delivered} or {@code
 * message_failed} event signalled to its enrollment, so it can wait on the outcome (see {@code
 * ReceiptWait}). A journey that has ended is not an error.
 */
@Component
class ReceiptSignals {

  private static final Logger log = LoggerFactory.getLogger(ReceiptSignals.class);
  private static final Pattern UUID_SEGMENT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final WorkflowClient client;

  ReceiptSignals(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Signals what a receipt left in the ledger. A receipt that changed nothing (a provider's retry,
   * or an older status after a final one) is signalled too, with the status the ledger holds: an
   * earlier attempt may have updated the ledger and then failed before its signal went out, and the
   * provider's retry is the only chance left. The event id is the same as the first time, so a
   * journey that heard it already ignores it.
   */
  void signal(MessageReceipts.Applied applied, MessageReceipt received) {
    switch (applied) {
      case MessageReceipts.Applied.Updated u -> signal(u.entry(), u.receipt());
      case MessageReceipts.Applied.Unchanged u -> {
        LedgerEntry entry = u.entry();
        if (entry.deliveryStatus() != null && entry.providerMessageId() != null) {
          signal(
              entry,
              new MessageReceipt(
                  received.provider(),
                  entry.providerMessageId(),
                  ReceiptStatus.valueOf(entry.deliveryStatus()),
                  null,
                  entry.deliveryUpdatedAt() != null
                      ? entry.deliveryUpdatedAt()
                      : received.occurredAt()));
        }
      }
      case MessageReceipts.Applied.Unknown u -> {}
    }
  }

  void signal(LedgerEntry entry, MessageReceipt receipt) {
    String type = eventType(receipt.status());
    if (type == null || entry.journey() == null) {
      return;
    }
    var journey = JourneyCatalog.byName(entry.journey());
    if (journey.isEmpty()) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("idempotencyKey", entry.idempotencyKey());
    properties.put("channel", entry.channel().name());
    properties.put("providerMessageId", receipt.providerMessageId());
    properties.put("status", receipt.status().name());
    properties.put("messageKey", entry.messageKey());
    properties.put("step", entry.step());
    if (receipt.reason() != null) {
      properties.put("reason", receipt.reason());
    }
    var event =
        new CustomerEvent(
            "delivery/" + entry.idempotencyKey() + "/" + receipt.status().name().toLowerCase(),
            entry.customerId(),
            type,
            receipt.occurredAt(),
            properties);
    String workflowId =
        sendingWorkflowId(entry.idempotencyKey())
            .orElse(journey.get().workflowId(entry.customerId()));
    try {
      client.newUntypedWorkflowStub(workflowId).signal(CustomerJourney.EVENT_SIGNAL, event);
    } catch (WorkflowNotFoundException ended) {
      log.debug("journey {} has ended; {} not signalled", workflowId, type);
    }
  }

  /**
   * The workflow that sent a message, from its idempotency key {@code
   * <workflowId>/<firstRunId>/<step>[#n]/<channel>[/retry-n]}: the first run id (a UUID) marks
   * where the workflow id ends. It is the last UUID segment that still has a step and a channel
   * after it, so a workflow id that itself holds UUIDs (a per-order enrollment whose order id is
   * one, a customer id that is one) is read whole. Empty when the key has no such shape (keys
   * written by other code), and the caller falls back to the customer's enrollment.
   */
  static Optional<String> sendingWorkflowId(String idempotencyKey) {
    if (idempotencyKey == null || !idempotencyKey.startsWith("journey/")) {
      return Optional.empty();
    }
    String[] segments = idempotencyKey.split("/");
    // journey/<name>/<customer> at least, then the run id, then the step and the channel
    for (int i = segments.length - 3; i >= 3; i--) {
      if (UUID_SEGMENT.matcher(segments[i]).matches()) {
        return Optional.of(String.join("/", Arrays.copyOfRange(segments, 0, i)));
      }
    }
    return Optional.empty();
  }

  private static String eventType(ReceiptStatus status) {
    return switch (status) {
      case DELIVERED, READ -> EventTypes.MESSAGE_DELIVERED;
      case FAILED, BOUNCED -> EventTypes.MESSAGE_FAILED;
      // a complaint comes after delivery: it feeds suppression, not the journey
      case COMPLAINED -> null;
    };
  }
}
