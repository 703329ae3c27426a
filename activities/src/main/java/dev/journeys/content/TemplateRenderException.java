package dev.journeys.content;

/**
 * A template cannot be rendered (missing template or variable). Never sent as a blank: the send
 * fails with this message, naming the template.
 */
public class TemplateRenderException extends RuntimeException {
  public TemplateRenderException(String message) {
    super(message);
  }
}
