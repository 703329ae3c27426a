package dev.journeys.faults;

import dev.journeys.faults.LoadGenerator.Planned;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares what the journeys had to send with what the message ledger says and what the provider
 * sinks actually received, counting by idempotency key at the sink:
 *
 * <ul>
 *   <li>email: the Message-ID is derived from the key (SHA-256, as {@code SmtpEmailChannel} does),
 *       so every received mail maps to exactly one ledger row;
 *   <li>SMS: by the {@code I-Twilio-Idempotency-Token} header while the adapter sends it; else by
 *       the SID the sink answered with (the ledger keeps it for the attempt that got the answer);
 *       else by recipient and body, which is one customer's one step (every customer has its own
 *       number, every step its own template).
 * </ul>
 *
 * An expected message is a (customer, journey, step) of an accepted journey. It is delivered when
 * the sink has it under any key of that step (a fallback channel, a deferral's {@code /retry-n});
 * recorded as not sent when the ledger has only FAILED or SUPPRESSED rows for it; uncertain when a
 * row is UNCERTAIN; otherwise lost. A second delivery for one step is a duplicate; it is allowed
 * only under the same key for a transactional message (the resend policy), never across keys.
 */
final class Audit {

  record LedgerRow(
      String key,
      String customerId,
      String journey,
      String step,
      String channel,
      String topic,
      String status,
      String reason,
      String providerId,
      int attempts) {}

  /** One message a sink received; {@code key} is the ledger key it maps to, or null. */
  record Delivery(String channel, String key, String recipient) {}

  /** One row of the report. */
  record Row(
      Fault fault,
      int journeys,
      int notAccepted,
      int journeysFailed,
      int expected,
      int delivered,
      int duplicates,
      int allowedDuplicates,
      int lost,
      int uncertain,
      int notSent,
      List<String> details) {

    boolean passes() {
      return duplicates == 0 && lost == 0 && details.stream().noneMatch(d -> d.startsWith("!"));
    }
  }

  /**
   * @param settled every expected message is delivered, uncertain or recorded not sent
   * @param unsettled the journeys some expected message of which is not (yet): still posting, no
   *     ledger row yet, or a row still PENDING, THROTTLED or DEFERRED
   */
  record Result(List<Row> rows, boolean settled, List<Planned> unsettled) {}

  /** A mail as the SMTP sink holds it. */
  record Mail(String messageId, String recipient) {}

  private final Stack stack;

  Audit(Stack stack) {
    this.stack = stack;
  }

  Result run(List<Planned> journeys, Set<String> failedWorkflowIds) {
    List<LedgerRow> ledger = readLedger();
    List<Delivery> deliveries = deliveries(ledger, mails(), stack.sms().received(), journeys);
    return judge(journeys, ledger, deliveries, failedWorkflowIds);
  }

  /** The audit proper, on what was read from the ledger and the sinks. */
  static Result judge(
      List<Planned> journeys,
      List<LedgerRow> ledger,
      List<Delivery> deliveries,
      Set<String> failedWorkflowIds) {
    Map<String, List<Delivery>> byKey =
        deliveries.stream()
            .filter(d -> d.key() != null)
            .collect(Collectors.groupingBy(Delivery::key));
    Map<String, LedgerRow> rowByKey =
        ledger.stream().collect(Collectors.toMap(LedgerRow::key, r -> r, (a, b) -> a));
    Map<String, List<LedgerRow>> rowsByCustomer =
        ledger.stream().collect(Collectors.groupingBy(LedgerRow::customerId));

    Map<Fault, List<Planned>> cohorts = new EnumMap<>(Fault.class);
    journeys.forEach(j -> cohorts.computeIfAbsent(j.fault, f -> new ArrayList<>()).add(j));
    List<Row> rows = new ArrayList<>();
    List<Planned> unsettled = new ArrayList<>();
    for (var cohort : cohorts.entrySet()) {
      Tally tally = new Tally();
      for (Planned journey : cohort.getValue()) {
        if (!journey.finished) {
          unsettled.add(journey); // its client is still posting
          continue;
        }
        if (!journey.accepted) {
          tally.notAccepted++;
          tally.detail(
              "! " + journey.kind.journey + ": never accepted by the API (client gave up)");
          continue;
        }
        tally.journeys++;
        boolean failedWorkflow = failedWorkflowIds.stream().anyMatch(id -> isOf(id, journey));
        if (failedWorkflow) {
          tally.journeysFailed++;
        }
        List<LedgerRow> own = rowsByCustomer.getOrDefault(journey.customerId, List.of());
        boolean journeySettled = true;
        for (String step : journey.kind.expectedSteps) {
          tally.expected++;
          List<LedgerRow> rowsOfStep =
              own.stream()
                  .filter(r -> journey.kind.journey.equals(r.journey()) && step.equals(r.step()))
                  .toList();
          if (!judge(journey, step, rowsOfStep, byKey, failedWorkflow, tally)) {
            journeySettled = false;
          }
        }
        if (!journeySettled) {
          unsettled.add(journey);
        }
      }
      // mail or SMS for this cohort that no ledger row explains
      Set<String> cohortRecipients =
          cohort.getValue().stream()
              .flatMap(j -> java.util.stream.Stream.of(j.email, j.phone))
              .collect(Collectors.toSet());
      long unledgered =
          deliveries.stream()
              .filter(d -> cohortRecipients.contains(d.recipient()))
              .filter(d -> d.key() == null || !rowByKey.containsKey(d.key()))
              .count();
      if (unledgered > 0) {
        tally.detail("! " + unledgered + " message(s) at a sink with no ledger row");
      }
      rows.add(tally.toRow(cohort.getKey()));
    }
    return new Result(rows, unsettled.isEmpty(), List.copyOf(unsettled));
  }

  /** Judges one expected message; returns whether it is settled (not lost, not pending). */
  private static boolean judge(
      Planned journey,
      String step,
      List<LedgerRow> rows,
      Map<String, List<Delivery>> byKey,
      boolean failedWorkflow,
      Tally tally) {
    String what = journey.kind.journey + "/" + step;
    List<Delivery> got =
        rows.stream().flatMap(r -> byKey.getOrDefault(r.key(), List.of()).stream()).toList();
    boolean uncertain = rows.stream().anyMatch(r -> "UNCERTAIN".equals(r.status()));
    if (uncertain) {
      tally.uncertain++;
    }
    for (LedgerRow row : rows) {
      if ("SENT".equals(row.status()) && !byKey.containsKey(row.key())) {
        tally.detail("! " + what + ": ledger says SENT, the sink never got it");
      }
    }
    if (!got.isEmpty()) {
      tally.delivered++;
      int extra = got.size() - 1;
      if (extra > 0) {
        Set<String> keys = got.stream().map(Delivery::key).collect(Collectors.toSet());
        boolean sameKeyTransactional =
            keys.size() == 1
                && rows.stream()
                    .filter(r -> keys.contains(r.key()))
                    .allMatch(r -> "TRANSACTIONAL".equals(r.topic()));
        if (sameKeyTransactional) {
          tally.allowedDuplicates += extra;
          tally.detail(what + ": delivered " + got.size() + "x under one key (transactional)");
        } else {
          tally.duplicates += extra;
          tally.detail(
              what
                  + ": delivered "
                  + got.size()
                  + "x"
                  + (keys.size() > 1 ? " under " + keys.size() + " keys" : " under one key")
                  + " ("
                  + rows.stream()
                      .map(r -> r.channel() + " " + r.status() + " attempts=" + r.attempts())
                      .collect(Collectors.joining(", "))
                  + ")");
        }
      }
      return true;
    }
    if (uncertain) {
      return true;
    }
    boolean recordedNotSent =
        !rows.isEmpty()
            && rows.stream().allMatch(r -> Set.of("FAILED", "SUPPRESSED").contains(r.status()));
    if (recordedNotSent) {
      tally.notSent++;
      tally.detail(
          what
              + ": recorded not sent ("
              + rows.stream()
                  .map(r -> r.channel() + " " + r.status() + " " + r.reason())
                  .collect(Collectors.joining(", "))
              + ")");
      return true;
    }
    tally.lost++;
    String why =
        rows.isEmpty()
            ? "no ledger row"
            : rows.stream()
                .map(r -> r.channel() + " " + r.status())
                .collect(Collectors.joining(", "));
    tally.detail(
        what
            + (journey.ordering.isEmpty() ? "" : " [" + journey.ordering + "]")
            + ": lost ("
            + why
            + (failedWorkflow ? "; workflow failed" : "")
            + ")");
    return false;
  }

  /** Whether {@code workflowId} is the enrollment (or one of them) of {@code journey}. */
  static boolean isOf(String workflowId, Planned journey) {
    List<String> parts = List.of(workflowId.split("/"));
    return parts.contains(journey.customerId) && parts.contains(journey.kind.journey);
  }

  private List<Mail> mails() {
    List<Mail> mails = new ArrayList<>();
    for (MimeMessage mail : stack.mail().receivedMessages()) {
      try {
        mails.add(
            new Mail(
                Objects.requireNonNullElse(mail.getMessageID(), ""),
                mail.getAllRecipients()[0].toString()));
      } catch (MessagingException e) {
        throw new IllegalStateException("unreadable mail in the sink", e);
      }
    }
    return mails;
  }

  /** Maps what the sinks received to ledger keys (null where nothing explains a message). */
  static List<Delivery> deliveries(
      List<LedgerRow> ledger,
      List<Mail> mails,
      List<FaultySmsSink.Received> sms,
      List<Planned> journeys) {
    List<Delivery> deliveries = new ArrayList<>();
    Map<String, String> keyByDigest = new HashMap<>();
    ledger.forEach(r -> keyByDigest.put(digest(r.key()), r.key()));
    for (Mail mail : mails) {
      String local = mail.messageId().replaceAll("^<|>$", "").replaceAll("@.*$", "");
      deliveries.add(new Delivery("EMAIL", keyByDigest.get(local), mail.recipient()));
    }
    Map<String, LedgerRow> bySid = new HashMap<>();
    ledger.stream().filter(r -> r.providerId() != null).forEach(r -> bySid.put(r.providerId(), r));
    Map<String, LedgerRow> byKey = new HashMap<>();
    ledger.forEach(r -> byKey.put(r.key(), r));
    Map<String, String> customerByPhone = new HashMap<>();
    journeys.forEach(j -> customerByPhone.put(j.phone, j.customerId));
    // recipient and body name one customer's one step: resolve the group from any member
    Map<String, String> keyOfGroup = new HashMap<>();
    for (var message : sms) {
      String key = null;
      if (message.idempotencyKey() != null && byKey.containsKey(message.idempotencyKey())) {
        key = message.idempotencyKey();
      } else if (bySid.containsKey(message.sid())) {
        key = bySid.get(message.sid()).key();
      }
      if (key != null) {
        keyOfGroup.putIfAbsent(message.to() + "\n" + message.body(), key);
      }
    }
    for (var message : sms) {
      String key = null;
      if (message.idempotencyKey() != null && byKey.containsKey(message.idempotencyKey())) {
        key = message.idempotencyKey();
      } else if (bySid.containsKey(message.sid())) {
        key = bySid.get(message.sid()).key();
      } else {
        key = keyOfGroup.get(message.to() + "\n" + message.body());
        if (key == null) {
          String customer = customerByPhone.get(message.to());
          List<LedgerRow> smsRows =
              ledger.stream()
                  .filter(r -> r.customerId().equals(customer) && "SMS".equals(r.channel()))
                  .toList();
          key = smsRows.size() == 1 ? smsRows.getFirst().key() : null;
        }
      }
      deliveries.add(new Delivery("SMS", key, message.to()));
    }
    // recipients are email addresses and phone numbers; customers are found by either
    return deliveries;
  }

  private List<LedgerRow> readLedger() {
    List<LedgerRow> rows = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), "postgres", "postgres");
        var statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "select idempotency_key, customer_id, journey, step, channel, topic, status,"
                    + " reason, provider_message_id, attempts from message_ledger")) {
      while (result.next()) {
        rows.add(
            new LedgerRow(
                result.getString(1),
                result.getString(2),
                result.getString(3),
                result.getString(4),
                result.getString(5),
                result.getString(6),
                result.getString(7),
                result.getString(8),
                result.getString(9),
                result.getInt(10)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the message ledger", e);
    }
    return rows;
  }

  /** As {@code SmtpEmailChannel} derives the Message-ID from the idempotency key. */
  static String digest(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts for one cohort, and the lines that explain them (grouped, with counts). */
  private static final class Tally {
    int journeys;
    int notAccepted;
    int journeysFailed;
    int expected;
    int delivered;
    int duplicates;
    int allowedDuplicates;
    int lost;
    int uncertain;
    int notSent;
    final Map<String, Integer> details = new LinkedHashMap<>();

    void detail(String line) {
      details.merge(line, 1, Integer::sum);
    }

    Row toRow(Fault fault) {
      List<String> lines = new ArrayList<>();
      new TreeMap<>(details).forEach((line, n) -> lines.add(n > 1 ? line + "  ×" + n : line));
      return new Row(
          fault,
          journeys,
          notAccepted,
          journeysFailed,
          expected,
          delivered,
          duplicates,
          allowedDuplicates,
          lost,
          uncertain,
          notSent,
          lines);
    }
  }
}
