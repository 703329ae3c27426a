package dev.journeys.content;

/** No template exists for a message key and channel in any acceptable locale. */
public class TemplateNotFoundException extends TemplateRenderException {
  public TemplateNotFoundException(String message) {
    super(message);
  }
}
