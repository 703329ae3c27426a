package dev.journeys.api.template;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.page.Page;
import dev.journeys.api.security.ApiPrincipal;
import dev.journeys.content.MessageRenderer;
import dev.journeys.content.MessageTemplate;
import dev.journeys.content.RenderedMessage;
import dev.journeys.content.TemplateLintException;
import dev.journeys.content.TemplateNotFoundException;
import dev.journeys.content.TemplateRenderException;
import dev.journeys.content.TemplateStore;
import dev.journeys.content.TemplateVariables;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.messaging.Channel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Message templates: new versions (drafts, linted), publishing one for sends, and previews for a
 * customer that send nothing.
 */
@RestController
public class TemplateController {

  private static final Pattern MESSAGE_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final TemplateStore store;
  private final MessageRenderer renderer;
  private final CustomerProfiles profiles;

  public TemplateController(
      TemplateStore store, MessageRenderer renderer, CustomerProfiles profiles) {
    this.store = store;
    this.renderer = renderer;
    this.profiles = profiles;
  }

  /** A link that works nowhere: a preview must not hand out a customer's real unsubscribe token. */
  static final String PREVIEW_UNSUBSCRIBE_URL = "https://unsubscribe.invalid/preview";

  /**
   * Stores the next version as a draft; sends do not use it until it is published. A template that
   * does not compile, or that the linter refuses, is a 400 listing every finding.
   */
  @PostMapping(path = "/v1/templates/{key}/versions", consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  public MessageTemplate addVersion(
      @PathVariable String key,
      @Valid @RequestBody TemplateVersionRequest request,
      @AuthenticationPrincipal ApiPrincipal caller) {
    checkKey(key);
    if (request.channel() == Channel.EMAIL
        && (request.subject() == null || request.subject().isBlank())) {
      throw invalid("an email template needs a subject", "subject", "must not be blank for EMAIL");
    }
    var template =
        new MessageTemplate(
            key,
            request.channel(),
            request.locale(),
            1,
            request.subject(),
            request.text(),
            request.html(),
            request.providerTemplate(),
            request.providerParams(),
            caller.auditName());
    try {
      return store.addVersion(template);
    } catch (TemplateLintException e) {
      throw new InvalidRequestException(
          "the template breaks "
              + e.findings().size()
              + (e.findings().size() == 1 ? " rule" : " rules")
              + " of the template linter",
          e.findings().stream()
              .map(
                  f ->
                      new InvalidRequestException.FieldError(
                          f.part(), f.rule() + ": " + f.message()))
              .toList());
    } catch (TemplateRenderException e) {
      throw invalid("the template does not compile", "text", e.getMessage());
    }
  }

  /**
   * Publishes a version: sends use the newest published version of a channel and locale. Needs
   * {@code templates:write}; the key's name is recorded as the publisher.
   */
  @PostMapping(path = "/v1/templates/{key}/publish", consumes = "application/json")
  public MessageTemplate publish(
      @PathVariable String key,
      @Valid @RequestBody TemplatePublishRequest request,
      @AuthenticationPrincipal ApiPrincipal caller) {
    checkKey(key);
    return store
        .publish(key, request.channel(), request.locale(), request.version(), caller.auditName())
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no version "
                        + request.version()
                        + " of "
                        + key
                        + " for "
                        + request.channel()
                        + " and "
                        + request.locale()));
  }

  /**
   * The versions of the message's content by channel, then locale, then version (newest first), in
   * pages of {@code limit}; a page that more versions follow links the next one ({@link Page}, with
   * a {@link TemplateVersionCursor}). 404 if the message has no version at all.
   */
  @GetMapping("/v1/templates/{key}/versions")
  @Operation(summary = "List a message's template versions, a page at a time")
  @ApiResponse(
      responseCode = "200",
      description =
          "One page of versions by channel, locale and version (newest first). When more follow,"
              + " the Link header names the next page's URL and X-Next-Cursor its cursor; the"
              + " last page has neither.",
      headers = {
        @Header(
            name = HttpHeaders.LINK,
            description = "<URL of the next page>; rel=\"next\" (absent on the last page)",
            schema = @Schema(type = "string")),
        @Header(
            name = Page.NEXT_CURSOR_HEADER,
            description =
                "The next page's cursor, for the cursor parameter (absent on the last page)",
            schema = @Schema(type = "string"))
      })
  @ApiResponse(
      responseCode = "400",
      description =
          "limit out of range, or a cursor that is malformed, altered or from another list",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "404",
      description = "The message has no template version",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<List<MessageTemplate>> versions(
      @PathVariable String key,
      @Parameter(
              description = "Versions per page, 1 to " + MAX_VERSIONS_PAGE,
              schema =
                  @Schema(
                      type = "integer",
                      minimum = "1",
                      maximum = "" + MAX_VERSIONS_PAGE,
                      defaultValue = "100"))
          @RequestParam(defaultValue = "100")
          int limit,
      @Parameter(
              description =
                  "Where to continue: the X-Next-Cursor (or the Link header's cursor) of the"
                      + " previous page of this list; omit for the first page")
          @RequestParam(required = false)
          String cursor) {
    checkKey(key);
    Page.checkLimit(limit, MAX_VERSIONS_PAGE);
    TemplateVersionCursor after = TemplateVersionCursor.decode(cursor);
    List<MessageTemplate> rows =
        after == null
            ? store.versions(key, Page.fetchSize(limit))
            : store.versionsAfter(
                key, after.channel(), after.locale(), after.version(), Page.fetchSize(limit));
    if (after == null && rows.isEmpty()) {
      throw new NotFoundException("no template '" + key + "'");
    }
    return Page.of(rows, limit, (MessageTemplate last) -> TemplateVersionCursor.of(last).encode())
        .response();
  }

  /** The largest page of template versions. */
  static final int MAX_VERSIONS_PAGE = 500;

  /**
   * Renders the message the customer would get now (their locale, the newest published version), or
   * a given version, draft or not. The data is the message's {@code event.*}; an email's {@code
   * unsubscribeUrl} is a placeholder that unsubscribes no one.
   */
  @PostMapping(path = "/v1/templates/{key}/preview", consumes = "application/json")
  public TemplatePreview preview(
      @PathVariable String key, @Valid @RequestBody TemplatePreviewRequest request) {
    checkKey(key);
    Customer customer =
        profiles
            .find(request.customerId())
            .orElseThrow(() -> new NotFoundException("no customer '" + request.customerId() + "'"));
    try {
      MessageTemplate template =
          request.version() == null
              ? renderer.select(key, request.channel(), customer.locale())
              : renderer.select(key, request.channel(), customer.locale(), request.version());
      var variables =
          TemplateVariables.of(customer, request.data())
              .withMessage(
                  Map.of("key", key, "channel", request.channel().name().toLowerCase(Locale.ROOT)),
                  request.channel() == Channel.EMAIL ? PREVIEW_UNSUBSCRIBE_URL : null);
      RenderedMessage rendered = renderer.render(template, variables);
      return new TemplatePreview(
          key,
          request.channel(),
          rendered.templateLocale(),
          rendered.templateVersion(),
          rendered.subject(),
          rendered.text(),
          rendered.html(),
          rendered.providerTemplate(),
          rendered.providerParams());
    } catch (TemplateNotFoundException e) {
      throw new NotFoundException(e.getMessage());
    } catch (TemplateRenderException e) {
      throw invalid("the template cannot be rendered for this customer", "data", e.getMessage());
    }
  }

  private static void checkKey(String key) {
    if (!MESSAGE_KEY.matcher(key).matches()) {
      throw invalid(
          "invalid message key",
          "key",
          "must be 1-100 lowercase letters, digits and . _ - starting with a letter or digit");
    }
  }

  private static InvalidRequestException invalid(String summary, String field, String message) {
    return new InvalidRequestException(
        summary, List.of(new InvalidRequestException.FieldError(field, message)));
  }
}
