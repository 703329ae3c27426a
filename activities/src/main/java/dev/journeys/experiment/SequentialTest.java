package dev.journeys.experiment;

/**
 * The mixture sequential probability ratio test (mSPRT) for the difference of two conversion rates,
 * after Johari, Pekelis and Walsh, "Always valid inference" (2017): under the normal approximation
 * the difference θ̂ of the observed rates, with variance V, has the mixture likelihood ratio
 * against θ = 0, for a normal mixing prior N(0, τ²),
 *
 * <pre>
 *   Λ = sqrt(V / (V + τ²)) · exp(τ² θ̂² / (2 V (V + τ²)))
 * </pre>
 *
 * and rejecting once Λ ≥ 1/α, at whatever look, keeps the false-positive rate at most α however
 * often the numbers are looked at (Ville's inequality). That is what an automatic decision that
 * re-reads the numbers after every outcome needs; a fixed-horizon z-test does not have it.
 *
 * @param alpha the false-positive rate allowed over the whole experiment (two-sided)
 * @param tau the standard deviation of the effect sizes the test is tuned for, as a difference of
 *     rates (0.02: two percentage points); it changes power, never validity
 */
public record SequentialTest(double alpha, double tau) {

  public SequentialTest {
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("alpha must be between 0 and 0.5, was " + alpha);
    }
    if (!(tau > 0)) {
      throw new IllegalArgumentException("tau must be positive, was " + tau);
    }
  }

  /**
   * The likelihood ratio Λ after {@code n1} trials with {@code c1} conversions vs {@code n0}/{@code
   * c0}.
   */
  public double likelihoodRatio(long c1, long n1, long c0, long n0) {
    if (n1 == 0 || n0 == 0) {
      return 1;
    }
    double p1 = (double) c1 / n1;
    double p0 = (double) c0 / n0;
    double v = variance(p1, n1, p0, n0);
    double tau2 = tau * tau;
    double diff = p1 - p0;
    return Math.sqrt(v / (v + tau2)) * Math.exp(tau2 * diff * diff / (2 * v * (v + tau2)));
  }

  /** Always-valid p-value at this look (not yet minimised over earlier looks): min(1, 1/Λ). */
  public double pValue(long c1, long n1, long c0, long n0) {
    return Math.min(1, 1 / likelihoodRatio(c1, n1, c0, n0));
  }

  /** True once the difference is significant at {@link #alpha}, valid under any number of looks. */
  public boolean rejects(long c1, long n1, long c0, long n0) {
    return likelihoodRatio(c1, n1, c0, n0) >= 1 / alpha;
  }

  /**
   * The variance of the difference of the observed rates; a rate of 0 or 1 is pulled in by half a
   * conversion so that a run of all-or-nothing outcomes cannot make it zero.
   */
  static double variance(double p1, long n1, double p0, long n0) {
    double q1 = clamp(p1, n1);
    double q0 = clamp(p0, n0);
    return q1 * (1 - q1) / n1 + q0 * (1 - q0) / n0;
  }

  private static double clamp(double p, long n) {
    double half = 0.5 / n;
    return Math.min(Math.max(p, half), 1 - half);
  }
}
