package dev.journeys.api.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.security.ApiPrincipal;
import dev.journeys.experiment.ExperimentDecision;
import dev.journeys.experiment.ExperimentDecisions;
import dev.journeys.experiment.ExperimentReports;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Decides an experiment without a redeploy: enrollments that start afterwards go to the winner (the
 * hold-out group stays held out). Running enrollments keep the arm they were given.
 */
@RestController
public class ExperimentController {

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  /** The body of {@code POST /v1/experiments/{name}/decision}. */
  public record DecisionRequest(
      @NotBlank
          @Pattern(
              regexp = "[a-z0-9][a-z0-9._-]{0,99}",
              message = "must be an arm name such as sms")
          String winner,
      @Size(max = 500) String reason) {}

  /**
   * What {@code GET /v1/experiments/{name}} answers: the arms' numbers, each arm's lift over the
   * hold-out with its confidence interval, what the decision rule says now, and the decision with
   * who made it and the statistics it was made on (null when a person decided).
   */
  public record ExperimentView(
      String experiment,
      ExperimentDecision decision,
      com.fasterxml.jackson.databind.JsonNode decisionStatistics,
      java.time.Instant runningSince,
      dev.journeys.experiment.ExperimentVerdict.Verdict rule,
      dev.journeys.experiment.ExperimentVerdict.ArmResult holdout,
      List<dev.journeys.experiment.Lift> lifts) {}

  private final ExperimentDecisions decisions;
  private final ExperimentReports reports;
  private final ObjectMapper json;

  public ExperimentController(
      ExperimentDecisions decisions, ExperimentReports reports, ObjectMapper json) {
    this.decisions = decisions;
    this.reports = reports;
    this.json = json;
  }

  @GetMapping("/v1/experiments/{name}")
  public ExperimentView experiment(@PathVariable String name) throws IOException {
    checkName(name);
    var report = reports.report(name);
    if (report.runningSince() == null && report.decision().isEmpty()) {
      throw new NotFoundException("experiment '" + name + "' has no outcomes and no decision");
    }
    return new ExperimentView(
        name,
        report.decision().orElse(null),
        report.decisionStatistics().isPresent()
            ? json.readTree(report.decisionStatistics().get())
            : null,
        report.runningSince(),
        report.rule(),
        report.holdout(),
        report.lifts());
  }

  @PostMapping(path = "/v1/experiments/{name}/decision", consumes = "application/json")
  public ExperimentDecision decide(
      @PathVariable String name,
      @Valid @RequestBody DecisionRequest request,
      @AuthenticationPrincipal ApiPrincipal caller) {
    checkName(name);
    if ("holdout".equals(request.winner())) {
      throw new InvalidRequestException(
          "the hold-out group cannot win",
          List.of(
              new InvalidRequestException.FieldError("winner", "must be a variant, not holdout")));
    }
    return decisions.decide(name, request.winner(), caller.auditName(), request.reason());
  }

  @GetMapping("/v1/experiments/{name}/decision")
  public ExperimentDecision decision(@PathVariable String name) {
    checkName(name);
    return decisions
        .find(name)
        .orElseThrow(() -> new NotFoundException("experiment '" + name + "' is not decided"));
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "invalid experiment name",
          List.of(
              new InvalidRequestException.FieldError(
                  "name",
                  "must be lower-case letters, digits and . _ - such as cart-last-call-channel")));
    }
  }
}
