package dev.journeys.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.faults.Audit.LedgerRow;
import dev.journeys.faults.LoadGenerator.Kind;
import dev.journeys.faults.LoadGenerator.Planned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit's judgement on hand-made ledgers and sink contents: what passes, what is a breach. */
class AuditTest {

  private static final String RUN = "journey/welcome-series/c-1/run-1";

  private final Planned welcome = planned(Kind.WELCOME, "c-1", "+15550000001");
  private final List<LedgerRow> ledger = new ArrayList<>();
  private final List<Audit.Mail> mails = new ArrayList<>();
  private final List<FaultySmsSink.Received> sms = new ArrayList<>();

  @Test
  void aMessageDeliveredOnceUnderItsKeyPasses() {
    row(RUN + "/welcome/email", "welcome-series", "welcome", "EMAIL", "MARKETING", "SENT");
    mail(RUN + "/welcome/email");

    Audit.Row row = audit(welcome);

    assertThat(row.expected()).isEqualTo(1);
    assertThat(row.delivered()).isEqualTo(1);
    assertThat(row.passes()).isTrue();
  }

  @Test
  void aMessageWithNoLedgerRowIsLost() {
    Audit.Row row = audit(welcome);

    assertThat(row.lost()).isEqualTo(1);
    assertThat(row.passes()).isFalse();
  }

  @Test
  void aSentRowTheSinkNeverGotIsLost() {
    row(RUN + "/welcome/email", "welcome-series", "welcome", "EMAIL", "MARKETING", "SENT");

    Audit.Row row = audit(welcome);

    assertThat(row.lost()).isEqualTo(1);
    assertThat(row.details()).anyMatch(d -> d.contains("ledger says SENT"));
  }

  @Test
  void aMarketingMessageDeliveredTwiceUnderOneKeyIsABreach() {
    row(RUN + "/welcome/email", "welcome-series", "welcome", "EMAIL", "MARKETING", "SENT");
    mail(RUN + "/welcome/email");
    mail(RUN + "/welcome/email");

    Audit.Row row = audit(welcome);

    assertThat(row.duplicates()).isEqualTo(1);
    assertThat(row.passes()).isFalse();
  }

  @Test
  void aTransactionalResendUnderTheSameKeyIsAllowedButCounted() {
    Planned order = planned(Kind.ORDER, "c-2", "+15550000002");
    String run = "journey/post-purchase/c-2/o-1/run-1";
    for (String step : List.of("order-confirmation", "order-shipped", "order-delivered")) {
      row(run + "/" + step + "/sms", "post-purchase", step, "SMS", "TRANSACTIONAL", "SENT");
      sms("+15550000002", step, run + "/" + step + "/sms", "SM" + step);
    }
    sms("+15550000002", "order-shipped", run + "/order-shipped/sms", "SM-lost-reply");

    Audit.Row row = audit(order);

    assertThat(row.delivered()).isEqualTo(3);
    assertThat(row.duplicates()).isZero();
    assertThat(row.allowedDuplicates()).isEqualTo(1);
    assertThat(row.passes()).isTrue();
  }

  @Test
  void aStepDeliveredUnderTwoKeysIsABreachEvenWhenTransactional() {
    Planned order = planned(Kind.ORDER, "c-3", "+15550000003");
    String run = "journey/post-purchase/c-3/o-1/run-1";
    for (String step : List.of("order-confirmation", "order-delivered")) {
      row(run + "/" + step + "/email", "post-purchase", step, "EMAIL", "TRANSACTIONAL", "SENT");
      mail(run + "/" + step + "/email");
    }
    // the SMS reached the provider, then the step fell back to email: the customer got both
    row(
        run + "/order-shipped/sms",
        "post-purchase",
        "order-shipped",
        "SMS",
        "TRANSACTIONAL",
        "FAILED");
    sms("+15550000003", "shipped", run + "/order-shipped/sms", "SM1");
    row(
        run + "/order-shipped/email",
        "post-purchase",
        "order-shipped",
        "EMAIL",
        "TRANSACTIONAL",
        "SENT");
    mail(run + "/order-shipped/email");

    Audit.Row row = audit(order);

    assertThat(row.duplicates()).isEqualTo(1);
    assertThat(row.passes()).isFalse();
  }

  @Test
  void aRecordedFailureIsNotALoss() {
    row(RUN + "/welcome/email", "welcome-series", "welcome", "EMAIL", "MARKETING", "FAILED");

    Audit.Row row = audit(welcome);

    assertThat(row.notSent()).isEqualTo(1);
    assertThat(row.lost()).isZero();
    assertThat(row.passes()).isTrue();
  }

  @Test
  void anUncertainAttemptIsReportedNotLost() {
    row(RUN + "/welcome/email", "welcome-series", "welcome", "EMAIL", "MARKETING", "UNCERTAIN");

    Audit.Row row = audit(welcome);

    assertThat(row.uncertain()).isEqualTo(1);
    assertThat(row.lost()).isZero();
    assertThat(row.passes()).isTrue();
  }

  @Test
  void aPendingRowWithNothingAtTheSinkIsLostAndUnsettled() {
    row(RUN + "/welcome/email", "welcome-series", "welcome", "EMAIL", "MARKETING", "PENDING");

    Audit.Result result = judge(welcome);

    assertThat(result.rows().getFirst().lost()).isEqualTo(1);
    assertThat(result.settled()).isFalse();
    // the suite waits on while this journey's enrollment runs
    assertThat(result.unsettled()).containsExactly(welcome);
    assertThat(Audit.isOf(RUN.substring(0, RUN.lastIndexOf('/')), welcome)).isTrue();
  }

  @Test
  void aMessageAtTheSinkWithNoLedgerRowIsABreach() {
    row(RUN + "/welcome/email", "welcome-series", "welcome", "EMAIL", "MARKETING", "SENT");
    mail(RUN + "/welcome/email");
    mails.add(new Audit.Mail("<" + Audit.digest("a/key/nobody/recorded") + "@x>", welcome.email));

    Audit.Row row = audit(welcome);

    assertThat(row.passes()).isFalse();
    assertThat(row.details()).anyMatch(d -> d.contains("no ledger row"));
  }

  @Test
  void smsWithoutAKeyHeaderIsMatchedBySidThenByRecipientAndBody() {
    Planned cart = planned(Kind.CART, "c-4", "+15550000004");
    String run = "journey/abandoned-cart/c-4/run-1";
    row(
        run + "/cart-reminder/email",
        "abandoned-cart",
        "cart-reminder",
        "EMAIL",
        "MARKETING",
        "SENT");
    mail(run + "/cart-reminder/email");
    ledger.add(
        new LedgerRow(
            run + "/cart-last-call/sms",
            "c-4",
            "abandoned-cart",
            "cart-last-call",
            "SMS",
            "MARKETING",
            "SENT",
            null,
            "SM-answered",
            2));
    sms("+15550000004", "last call", null, "SM-timed-out");
    sms("+15550000004", "last call", null, "SM-answered");

    Audit.Row row = audit(cart);

    assertThat(row.delivered()).isEqualTo(2);
    assertThat(row.duplicates()).isEqualTo(1);
  }

  private Audit.Row audit(Planned journey) {
    return judge(journey).rows().getFirst();
  }

  private Audit.Result judge(Planned journey) {
    var deliveries = Audit.deliveries(ledger, mails, sms, List.of(journey));
    return Audit.judge(List.of(journey), ledger, deliveries, Set.of());
  }

  private void row(
      String key, String journey, String step, String channel, String topic, String status) {
    String customer = key.split("/")[2];
    ledger.add(
        new LedgerRow(
            key,
            customer,
            journey,
            step,
            channel,
            topic,
            status,
            null,
            "SENT".equals(status) && "SMS".equals(channel) ? "SM" + step : null,
            1));
  }

  private void mail(String key) {
    mails.add(
        new Audit.Mail(
            "<" + Audit.digest(key) + "@journeys.test>", key.split("/")[2] + "@faults.test"));
  }

  private void sms(String to, String body, String key, String sid) {
    sms.add(new FaultySmsSink.Received(to, body, key, sid, Instant.now(), false));
  }

  private static Planned planned(Kind kind, String customerId, String phone) {
    Planned journey = new Planned(Fault.BASELINE, kind, customerId, phone, "");
    journey.accepted = true;
    journey.finished = true;
    return journey;
  }
}
