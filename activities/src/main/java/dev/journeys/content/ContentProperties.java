package dev.journeys.content;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Message content.
 *
 * @param fallbackLocale the variant used when none matches the customer's locale (nor its
 *     language); seeded files without a locale in their name are stored under it
 * @param seed whether the classpath template files ({@code journeys/<journey>/templates/**}, {@code
 *     templates/**}) are loaded into the store at startup
 * @param limits what one template version may do
 */
@Validated
@ConfigurationProperties("journeys.templates")
public record ContentProperties(
    @DefaultValue("en") @NotBlank String fallbackLocale,
    @DefaultValue("true") boolean seed,
    @DefaultValue TemplateLimits limits) {

  public ContentProperties {
    limits = limits == null ? TemplateLimits.DEFAULT : limits;
  }

  /**
   * Bounds on one template: checked when a version is stored ({@code maxSectionDepth}) and while a
   * message is rendered (the others), so that no version and no event's data can make a render run
   * away (sections nested over long lists multiply).
   *
   * @param maxSectionDepth sections ({@code {{#...}}}, {@code {{^...}}}) inside one another
   * @param maxRenderTime the wall-clock time rendering all parts of one message may take
   * @param maxOutputChars the characters all parts of one rendered message may have together
   * @param maxIterations the section iterations one message's render may make (a section over an
   *     empty or silent loop writes nothing, so the output bound alone would not stop it)
   */
  public record TemplateLimits(
      @DefaultValue("3") int maxSectionDepth,
      @DefaultValue("2s") Duration maxRenderTime,
      @DefaultValue("1000000") int maxOutputChars,
      @DefaultValue("100000") int maxIterations) {

    public static final TemplateLimits DEFAULT =
        new TemplateLimits(3, Duration.ofSeconds(2), 1_000_000, 100_000);

    public TemplateLimits {
      if (maxSectionDepth < 0
          || maxOutputChars <= 0
          || maxIterations <= 0
          || maxRenderTime == null
          || maxRenderTime.isNegative()
          || maxRenderTime.isZero()) {
        throw new IllegalArgumentException(
            "journeys.templates.limits need max-section-depth >= 0 and positive"
                + " max-render-time, max-output-chars and max-iterations");
      }
    }
  }
}
