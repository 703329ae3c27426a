package dev.journeys.content;

import dev.journeys.messaging.Channel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Renders message content from the template store: the newest published version for the message key
 * and channel in the customer's locale, else its language, else the fallback locale. A missing
 * template or variable is an error naming the template.
 */
@Component
public class MessageRenderer {

  private final TemplateStore store;
  private final ContentProperties properties;

  public MessageRenderer(TemplateStore store, ContentProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /** Renders in the customer's locale. */
  public RenderedMessage render(String messageKey, Channel channel, TemplateVariables variables) {
    return render(messageKey, channel, variables.locale(), variables);
  }

  public RenderedMessage render(
      String messageKey, Channel channel, String locale, TemplateVariables variables) {
    MessageTemplate template = select(messageKey, channel, locale);
    return render(template, variables);
  }

  /**
   * Renders one given template version (a preview of a draft, a pinned version), from the variables
   * as its naming reads them, within {@link ContentProperties#limits()}.
   */
  public RenderedMessage render(MessageTemplate template, TemplateVariables variables) {
    String name = template.name();
    if (template.channel() == Channel.EMAIL && template.subject() == null) {
      throw new TemplateRenderException("template " + name + " has no subject");
    }
    Map<String, Object> model = variables.model(template.variables());
    RenderBudget budget = new RenderBudget(properties.limits());
    List<String> params = new ArrayList<>();
    for (int i = 0; i < template.providerParams().size(); i++) {
      params.add(
          TemplateEngine.render(
              name,
              "providerParams[" + i + "]",
              template.providerParams().get(i),
              model,
              false,
              budget));
    }
    return new RenderedMessage(
        TemplateEngine.render(name, "subject", template.subject(), model, false, budget),
        TemplateEngine.render(name, "text", template.text(), model, false, budget).strip(),
        TemplateEngine.render(name, "html", template.html(), model, true, budget),
        template.version(),
        template.locale(),
        template.providerTemplate(),
        params);
  }

  /** The published template a customer with this locale gets. */
  public MessageTemplate select(String messageKey, Channel channel, String locale) {
    List<String> candidates = candidates(locale);
    for (String candidate : candidates) {
      Optional<MessageTemplate> found = store.latest(messageKey, channel, candidate);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new TemplateNotFoundException(
        "no template "
            + messageKey
            + "/"
            + channel.name().toLowerCase(Locale.ROOT)
            + " for locales "
            + candidates);
  }

  /**
   * A given version of the variant a customer with this locale gets, draft or published: for
   * previews of a version before it is published.
   */
  public MessageTemplate select(String messageKey, Channel channel, String locale, int version) {
    List<String> candidates = candidates(locale);
    for (String candidate : candidates) {
      Optional<MessageTemplate> found = store.find(messageKey, channel, candidate, version);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new TemplateNotFoundException(
        "no version "
            + version
            + " of "
            + messageKey
            + "/"
            + channel.name().toLowerCase(Locale.ROOT)
            + " for locales "
            + candidates);
  }

  private List<String> candidates(String locale) {
    var candidates = new LinkedHashSet<String>();
    if (locale != null && !locale.isBlank()) {
      candidates.add(locale);
      int dash = locale.indexOf('-');
      if (dash > 0) {
        candidates.add(locale.substring(0, dash));
      }
    }
    candidates.add(properties.fallbackLocale());
    return List.copyOf(candidates);
  }
}
