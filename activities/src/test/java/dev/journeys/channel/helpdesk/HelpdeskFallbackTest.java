package dev.journeys.channel.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.handoff.HandoffTickets;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.Channel;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A handoff without a helpdesk (the default stack) goes to the support mailbox, and the ledger says
 * so; against real PostgreSQL.
 */
@SpringBootTest(classes = JourneyStoreTestApp.class)
class HelpdeskFallbackTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired MessageLedger ledger;
  @Autowired HandoffTickets tickets;

  private final List<OutboundMessage> mailed = new ArrayList<>();

  private final ChannelSender email =
      new ChannelSender() {
        @Override
        public Channel channel() {
          return Channel.EMAIL;
        }

        @Override
        public String send(OutboundMessage message) {
          mailed.add(message);
          return "mail-" + mailed.size();
        }
      };

  private HandoffActivitiesImpl withoutHelpdesk(String mailbox, Optional<ChannelSender> sender) {
    return new HandoffActivitiesImpl(
        Optional.empty(),
        Optional.of(new HelpdeskFallback(new HelpdeskFallbackProperties(mailbox), sender, ledger)));
  }

  @Test
  void mailsTheHandoffToTheSupportMailboxOnceAndTheLedgerSaysSo() {
    var activities = withoutHelpdesk("support@shop.test", Optional.of(email));
    var request = request();

    var ticket = activities.openTicket(request);
    var again = activities.openTicket(request); // a retry after a lost response

    assertThat(ticket).isEqualTo(again);
    assertThat(ticket.ticketId()).isEqualTo("email:mail-1");
    assertThat(mailed).hasSize(1);
    assertThat(mailed.getFirst().recipient()).isEqualTo("support@shop.test");
    assertThat(mailed.getFirst().idempotencyKey()).isEqualTo(request.idempotencyKey());
    assertThat(mailed.getFirst().content().subject()).isEqualTo("[urgent] Damaged parcel");
    assertThat(mailed.getFirst().content().text()).contains("damaged parcel").contains("c-9");
    var entry = ledger.find(request.idempotencyKey()).orElseThrow();
    assertThat(entry.status()).isEqualTo(LedgerStatus.SENT);
    assertThat(entry.messageKey()).isEqualTo("handoff");
    assertThat(entry.recipient()).isEqualTo("support@shop.test");
    assertThat(entry.providerMessageId()).isEqualTo("mail-1");
    assertThat(entry.step()).isEqualTo("human-handoff");
  }

  @Test
  void recordsWhichEnrollmentOpenedTheTicketSoThatItsResolutionFindsIt() {
    var activities =
        new HandoffActivitiesImpl(
            Optional.empty(),
            Optional.of(
                new HelpdeskFallback(
                    new HelpdeskFallbackProperties("support@shop.test"),
                    Optional.of(email),
                    ledger)),
            Optional.of(tickets));
    var base = request();
    var request =
        new HandoffRequest(
            base.idempotencyKey(),
            "c-10",
            base.journey(),
            base.step(),
            base.subject(),
            base.priority(),
            base.reason(),
            List.of(),
            List.of(),
            base.profile(),
            "journey/support-escalation/c-10/TK-1");

    var ticket = activities.openTicket(request);
    activities.openTicket(request); // a retry after a lost response

    assertThat(tickets.openerOf("c-10", ticket.ticketId()))
        .contains(
            new HandoffTickets.Opener(
                "journey/support-escalation/c-10/TK-1", "support-escalation"));
    assertThat(tickets.openerOf("c-9", ticket.ticketId())).isEmpty();
  }

  @Test
  void withoutAMailboxTheLedgerRecordsTheHandoffAsFailedAndItIsNotRetried() {
    var activities = withoutHelpdesk(null, Optional.of(email));
    var request = request();

    assertThatThrownBy(() -> activities.openTicket(request))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(e -> assertThat(((ApplicationFailure) e).isNonRetryable()).isTrue())
        .hasMessageContaining("journeys.channels.helpdesk.fallback.email");
    var entry = ledger.find(request.idempotencyKey()).orElseThrow();
    assertThat(entry.status()).isEqualTo(LedgerStatus.FAILED);
    assertThat(entry.reason()).contains("fallback.email");
    assertThat(mailed).isEmpty();
  }

  @Test
  void aMailboxThatRefusesIsRecordedAsFailed() {
    ChannelSender refusing =
        new ChannelSender() {
          @Override
          public Channel channel() {
            return Channel.EMAIL;
          }

          @Override
          public String send(OutboundMessage message) throws PermanentDeliveryFailure {
            throw new PermanentDeliveryFailure("mailbox_unknown", "550 no such user");
          }
        };
    var request = request();

    assertThatThrownBy(
            () -> withoutHelpdesk("nobody@shop.test", Optional.of(refusing)).openTicket(request))
        .isInstanceOf(ApplicationFailure.class);
    assertThat(ledger.find(request.idempotencyKey()).orElseThrow().status())
        .isEqualTo(LedgerStatus.FAILED);
  }

  private static HandoffRequest request() {
    return new HandoffRequest(
        "journey/support/c-9/" + UUID.randomUUID() + "/human-handoff/handoff",
        "c-9",
        "support-escalation",
        "human-handoff",
        "Damaged parcel",
        "urgent",
        "damaged parcel",
        List.of(),
        List.of(),
        CustomerProfile.unknown("c-9"));
  }
}
