package dev.journeys.experiment;

/**
 * What an arm adds over the hold-out: the difference of conversion rates with a Wald confidence
 * interval (normal approximation, unpooled variance), and the same relative to the hold-out's rate.
 *
 * @param absolute arm rate − hold-out rate, e.g. 0.012 for 1.2 percentage points
 * @param low lower bound of the interval of {@code absolute}
 * @param high upper bound of the interval of {@code absolute}
 * @param relative {@code absolute} / hold-out rate; null while the hold-out has not converted (all
 *     but {@code arm} and {@code confidence} are null while either side has no enrollment)
 */
public record Lift(
    String arm,
    Double armRate,
    Double holdoutRate,
    Double absolute,
    Double low,
    Double high,
    double confidence,
    Double relative) {

  /** The lift of an arm's numbers over the hold-out's at this confidence (two-sided). */
  public static Lift of(
      String arm,
      long converted,
      long enrolled,
      long holdoutConverted,
      long holdoutEnrolled,
      double confidence) {
    if (enrolled == 0 || holdoutEnrolled == 0) {
      return new Lift(arm, null, null, null, null, null, confidence, null);
    }
    double p1 = (double) converted / enrolled;
    double p0 = (double) holdoutConverted / holdoutEnrolled;
    double se = Math.sqrt(p1 * (1 - p1) / enrolled + p0 * (1 - p0) / holdoutEnrolled);
    double z = Normal.quantile(1 - (1 - confidence) / 2);
    double diff = p1 - p0;
    return new Lift(
        arm, p1, p0, diff, diff - z * se, diff + z * se, confidence, p0 == 0 ? null : diff / p0);
  }
}
