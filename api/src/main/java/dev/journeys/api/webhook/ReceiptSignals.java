package dev.journeys.api.webhook;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.JourneyCatalog;
import dev.journeys.ledger.LedgerEntry;
import dev.journeys.receipt.MessageReceipt;
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
   * <workflowId>/<firstRunId>/<step>...}: a per-order enrollment's id has more segments than the
   * journey's per-customer id, so the run id (a UUID) marks where the workflow id ends. Empty when
   * the key has no such shape (keys written by other code), and the caller falls back to the
   * customer's enrollment.
   */
  static Optional<String> sendingWorkflowId(String idempotencyKey) {
    if (idempotencyKey == null || !idempotencyKey.startsWith("journey/")) {
      return Optional.empty();
    }
    String[] segments = idempotencyKey.split("/");
    // journey/<name>/<customer> at least, then the run id, then the step
    for (int i = 3; i < segments.length - 1; i++) {
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
