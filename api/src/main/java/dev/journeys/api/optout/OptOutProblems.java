package dev.journeys.api.optout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An opt-out that running journeys could not be told of: 503, saying whether the consent change
 * itself stands ({@link OptOutNotAnnounced}). Ahead of the general advice, which would otherwise
 * answer for the Temporal failure inside it with a text that says nothing of the change.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OptOutProblems {

  private static final Logger log = LoggerFactory.getLogger(OptOutProblems.class);

  @ExceptionHandler(OptOutNotAnnounced.class)
  ResponseEntity<ProblemDetail> optOutNotAnnounced(OptOutNotAnnounced e) {
    log.error("opt-out not announced to running journeys", e);
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setTitle("Journey engine unavailable");
    problem.setProperty("consentRecorded", e.consentRecorded());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem);
  }
}
