package dev.journeys.funnel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Computes a journey's funnel from what journeys recorded: entries and ends ({@code
 * journey_enrollment}) and every send decision in between ({@code message_ledger}, whose keys start
 * with the enrollment id). Enrollments that started before entries were recorded are not counted.
 */
@Repository
public class Funnels {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> VARIANTS = new TypeReference<>() {};

  private final JdbcClient jdbc;

  public Funnels(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An enrollment as the funnel sees it. */
  record Enrolled(
      String id,
      int version,
      String outcome,
      Instant endedAt,
      Instant lastMessageAt,
      Map<String, String> arms) {}

  /** One send decision of an enrollment. */
  record Decision(String key, String step, String status, String reason, Instant at) {
    boolean heldBack() {
      return "SUPPRESSED".equals(status) && "holdout".equals(reason);
    }

    /** A message the customer got, or would have got but for the hold-out. */
    boolean message() {
      return "SENT".equals(status) || heldBack();
    }
  }

  /** True when the journey has any recorded enrollment. */
  public boolean known(String journey) {
    return jdbc.sql("select exists (select 1 from journey_enrollment where journey = :journey)")
        .param("journey", journey)
        .query(Boolean.class)
        .single();
  }

  public Funnel of(String journey, Duration window) {
    List<Enrolled> enrolled =
        jdbc.sql(
                """
                select enrollment_id, version, outcome, ended_at, last_message_at,
                       cast(variants as text) as arms
                from journey_enrollment where journey = :journey""")
            .param("journey", journey)
            .query(
                (rs, n) ->
                    new Enrolled(
                        rs.getString("enrollment_id"),
                        rs.getInt("version"),
                        rs.getString("outcome"),
                        instant(rs.getTimestamp("ended_at")),
                        instant(rs.getTimestamp("last_message_at")),
                        arms(rs.getString("arms"))))
            .list();
    List<Decision> decisions =
        jdbc.sql(
                """
                select idempotency_key, step, status, reason, created_at from message_ledger
                where journey = :journey order by created_at""")
            .param("journey", journey)
            .query(
                (rs, n) ->
                    new Decision(
                        rs.getString("idempotency_key"),
                        rs.getString("step"),
                        rs.getString("status"),
                        rs.getString("reason"),
                        instant(rs.getTimestamp("created_at"))))
            .list();
    return compute(journey, window, enrolled, decisions);
  }

  /** The funnel of these enrollments and decisions (decisions in time order). */
  static Funnel compute(
      String journey, Duration window, List<Enrolled> enrolled, List<Decision> decisions) {
    Set<String> ids = new HashSet<>();
    enrolled.forEach(e -> ids.add(e.id()));
    Map<String, List<Decision>> byEnrollment = new HashMap<>();
    List<String> stepOrder = new ArrayList<>();
    for (Decision d : decisions) {
      String id = enrollmentOf(d.key(), ids);
      if (id == null) {
        continue; // an enrollment from before entries were recorded
      }
      byEnrollment.computeIfAbsent(id, k -> new ArrayList<>()).add(d);
      if (d.step() != null && !stepOrder.contains(d.step())) {
        stepOrder.add(d.step());
      }
    }
    Map<Integer, List<Enrolled>> byVersion = new TreeMap<>();
    enrolled.forEach(e -> byVersion.computeIfAbsent(e.version(), v -> new ArrayList<>()).add(e));
    List<Funnel.Group> groups = new ArrayList<>();
    byVersion.forEach(
        (version, ofVersion) -> {
          groups.add(group(version, null, null, ofVersion, byEnrollment, stepOrder, window));
          Map<String, Set<String>> arms = new TreeMap<>();
          ofVersion.forEach(
              e ->
                  e.arms()
                      .forEach(
                          (experiment, arm) ->
                              arms.computeIfAbsent(experiment, x -> new TreeSet<>()).add(arm)));
          arms.forEach(
              (experiment, names) ->
                  names.forEach(
                      arm ->
                          groups.add(
                              group(
                                  version,
                                  experiment,
                                  arm,
                                  ofVersion.stream()
                                      .filter(e -> arm.equals(e.arms().get(experiment)))
                                      .toList(),
                                  byEnrollment,
                                  stepOrder,
                                  window))));
        });
    return new Funnel(journey, window, groups);
  }

  private static Funnel.Group group(
      int version,
      String experiment,
      String arm,
      List<Enrolled> members,
      Map<String, List<Decision>> byEnrollment,
      List<String> stepOrder,
      Duration window) {
    Map<String, long[]> stages = new LinkedHashMap<>();
    stepOrder.forEach(s -> stages.put(s, new long[5]));
    Map<String, Long> outcomes = new HashMap<>();
    long attributed = 0;
    for (Enrolled e : members) {
      outcomes.merge(e.outcome() == null ? "RUNNING" : e.outcome(), 1L, Long::sum);
      List<Decision> own = byEnrollment.getOrDefault(e.id(), List.of());
      Map<String, Set<String>> seen = new HashMap<>();
      for (Decision d : own) {
        long[] s = stages.get(d.step());
        if (s == null) {
          continue;
        }
        var kinds = seen.computeIfAbsent(d.step(), k -> new HashSet<>());
        count(s, 0, kinds.add("reached"));
        count(s, 1, "SENT".equals(d.status()) && kinds.add("sent"));
        count(s, 2, d.heldBack() && kinds.add("heldBack"));
        count(s, 3, "SUPPRESSED".equals(d.status()) && !d.heldBack() && kinds.add("suppressed"));
      }
      if (attributed(e, window)) {
        attributed++;
        // the journey's clock says when its last message was; the ledger says which one it was
        var last = own.stream().filter(Decision::message).max(Comparator.comparing(Decision::at));
        if (last.isPresent()
            && "SENT".equals(last.get().status())
            && stages.containsKey(last.get().step())) {
          stages.get(last.get().step())[4]++;
        }
      }
    }
    List<Funnel.Stage> steps = new ArrayList<>();
    stages.forEach((step, s) -> steps.add(new Funnel.Stage(step, s[0], s[1], s[2], s[3], s[4])));
    return new Funnel.Group(
        version,
        experiment,
        arm,
        members.size(),
        outcomes.getOrDefault("RUNNING", 0L),
        outcomes.getOrDefault("CONVERTED", 0L),
        attributed,
        outcomes.getOrDefault("EXITED", 0L),
        outcomes.getOrDefault("COMPLETED", 0L),
        outcomes.getOrDefault("CANCELLED", 0L),
        steps);
  }

  /** Converted within the window after its last message (sent or held back). */
  static boolean attributed(Enrolled e, Duration window) {
    return "CONVERTED".equals(e.outcome())
        && e.endedAt() != null
        && e.lastMessageAt() != null
        && !e.endedAt().isBefore(e.lastMessageAt())
        && !e.lastMessageAt().plus(window).isBefore(e.endedAt());
  }

  private static void count(long[] stage, int index, boolean yes) {
    if (yes) {
      stage[index]++;
    }
  }

  /**
   * The enrollment a ledger key belongs to: keys are {@code workflowId/runId/step#2}, sometimes
   * with more after the step ({@code /retry-1}), and a workflow id may itself hold a slash; so the
   * longest known enrollment id the key starts with, followed by a slash. Null when none.
   */
  static String enrollmentOf(String idempotencyKey, Set<String> enrollmentIds) {
    for (int slash = idempotencyKey.lastIndexOf('/');
        slash > 0;
        slash = idempotencyKey.lastIndexOf('/', slash - 1)) {
      String prefix = idempotencyKey.substring(0, slash);
      if (enrollmentIds.contains(prefix)) {
        return prefix;
      }
    }
    return null;
  }

  private static Map<String, String> arms(String json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, VARIANTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable variants " + json, e);
    }
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
