package dev.journeys.content;

import java.util.List;
import java.util.stream.Collectors;

/** A template version the linter refuses, with every finding; nothing was stored. */
public class TemplateLintException extends TemplateRenderException {

  private final transient List<TemplateLinter.Finding> findings;

  public TemplateLintException(String templateName, List<TemplateLinter.Finding> findings) {
    super(
        "template "
            + templateName
            + " is refused: "
            + findings.stream()
                .map(TemplateLinter.Finding::toString)
                .collect(Collectors.joining("; ")));
    this.findings = List.copyOf(findings);
  }

  public List<TemplateLinter.Finding> findings() {
    return findings;
  }
}
