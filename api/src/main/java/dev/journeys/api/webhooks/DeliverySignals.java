package dev.journeys.api.webhooks;

import dev.journeys.delivery.DeliveryReceipt;
import dev.journeys.delivery.DeliveryStatus;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.JourneyCatalog;
import dev.journeys.ledger.LedgerEntry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the journey that sent a message what became of it: a {@code message_delivered} or {@code
 * message_failed} event signalled to its enrollment, so it can wait on the outcome (see {@code
 * DeliveryWait}). A journey that has ended is not an error.
 */
@Component
class DeliverySignals {

  private static final Logger log = LoggerFactory.getLogger(DeliverySignals.class);

  private final WorkflowClient client;

  DeliverySignals(WorkflowClient client) {
    this.client = client;
  }

  void signal(LedgerEntry entry, DeliveryReceipt receipt) {
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
    String workflowId = journey.get().workflowId(entry.customerId());
    try {
      client.newUntypedWorkflowStub(workflowId).signal(CustomerJourney.EVENT_SIGNAL, event);
    } catch (WorkflowNotFoundException ended) {
      log.debug("journey {} has ended; {} not signalled", workflowId, type);
    }
  }

  private static String eventType(DeliveryStatus status) {
    return switch (status) {
      case DELIVERED, READ -> EventTypes.MESSAGE_DELIVERED;
      case FAILED, BOUNCED -> EventTypes.MESSAGE_FAILED;
      // a complaint comes after delivery: it feeds suppression, not the journey
      case COMPLAINED -> null;
    };
  }
}
