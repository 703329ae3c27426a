package dev.journeys.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.messaging.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Versioned templates per message key, channel and locale, in PostgreSQL. */
@Repository
public class TemplateStore {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ContentProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  public TemplateStore(JdbcClient jdbc, ContentProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** The newest published version for exactly this locale: what sends use. */
  public Optional<MessageTemplate> latest(String messageKey, Channel channel, String locale) {
    return jdbc.sql(
            """
            select * from message_template
            where message_key = :key and channel = :channel and locale = :locale
              and published_at is not null
            order by version desc limit 1""")
        .param("key", messageKey)
        .param("channel", channel.name())
        .param("locale", locale)
        .query(this::template)
        .optional();
  }

  /**
   * The first {@code limit} versions of a message's content, per channel and locale, newest first
   * (the order is the primary key's, so {@link #versionsAfter} can continue it).
   */
  public List<MessageTemplate> versions(String messageKey, int limit) {
    return jdbc.sql(
            """
            select * from message_template where message_key = :key
            order by channel, locale, version desc limit :limit""")
        .param("key", messageKey)
        .param("limit", limit)
        .query(this::template)
        .list();
  }

  /**
   * The versions of {@link #versions(String, int)} that follow the given one in its order (keyset
   * pagination: channel, then locale, then version descending).
   */
  public List<MessageTemplate> versionsAfter(
      String messageKey, Channel channel, String locale, int version, int limit) {
    return jdbc.sql(
            """
            select * from message_template where message_key = :key
              and ((channel, locale) > (:channel, :locale)
                or (channel = :channel and locale = :locale and version < :version))
            order by channel, locale, version desc limit :limit""")
        .param("key", messageKey)
        .param("channel", channel.name())
        .param("locale", locale)
        .param("version", version)
        .param("limit", limit)
        .query(this::template)
        .list();
  }

  public Optional<MessageTemplate> find(
      String messageKey, Channel channel, String locale, int version) {
    return jdbc.sql(
            """
            select * from message_template where message_key = :key and channel = :channel
            and locale = :locale and version = :version""")
        .param("key", messageKey)
        .param("channel", channel.name())
        .param("locale", locale)
        .param("version", version)
        .query(this::template)
        .optional();
  }

  /**
   * Stores {@code template} as the next version of its key, channel and locale (its own version is
   * ignored), as a draft with namespaced variables, and returns it with the version it got. It must
   * compile and pass the {@link TemplateLinter} ({@link TemplateLintException} lists why not).
   */
  public MessageTemplate addVersion(MessageTemplate template) {
    template =
        new MessageTemplate(
            template.messageKey(),
            template.channel(),
            template.locale(),
            template.version(),
            template.subject(),
            template.text(),
            template.html(),
            template.providerTemplate(),
            template.providerParams(),
            template.source());
    TemplateEngine.check(template, properties.limits());
    for (int attempt = 0; ; attempt++) {
      int next =
          jdbc.sql(
                  """
                  select coalesce(max(version), 0) + 1 from message_template
                  where message_key = :key and channel = :channel and locale = :locale""")
              .param("key", template.messageKey())
              .param("channel", template.channel().name())
              .param("locale", template.locale())
              .query(Integer.class)
              .single();
      MessageTemplate versioned = template.withVersion(next);
      try {
        insert(versioned, false);
        return versioned;
      } catch (DuplicateKeyException concurrentWriter) {
        if (attempt >= 3) {
          throw concurrentWriter;
        }
      }
    }
  }

  /**
   * Stores this exact version unless it exists already; true when it was stored. Seeding uses it:
   * the files ship with the code and are linted like any new version, and published by whoever
   * {@code template.publishedBy()} names.
   */
  public boolean insertIfMissing(MessageTemplate template) {
    TemplateEngine.check(template, properties.limits());
    return insert(template, true);
  }

  /**
   * Publishes a version: from now on sends use it, unless a newer version is published. Publishing
   * a published version changes nothing. Empty when there is no such version.
   */
  public Optional<MessageTemplate> publish(
      String messageKey, Channel channel, String locale, int version, String by) {
    jdbc.sql(
            """
            update message_template set published_at = now(), published_by = :by
            where message_key = :key and channel = :channel and locale = :locale
              and version = :version and published_at is null""")
        .param("by", by)
        .param("key", messageKey)
        .param("channel", channel.name())
        .param("locale", locale)
        .param("version", version)
        .update();
    return find(messageKey, channel, locale, version);
  }

  private boolean insert(MessageTemplate t, boolean ignoreExisting) {
    return jdbc.sql(
                """
                insert into message_template (message_key, channel, locale, version, subject,
                    text_body, html_body, provider_template, provider_params, source, variables,
                    published_at, published_by)
                values (:key, :channel, :locale, :version, :subject, :text, :html,
                    :providerTemplate, :providerParams, :source, :variables,
                    case when cast(:publishedBy as text) is null then null else now() end,
                    :publishedBy)"""
                    + (ignoreExisting ? " on conflict do nothing" : ""))
            .param("key", t.messageKey())
            .param("channel", t.channel().name())
            .param("locale", t.locale())
            .param("version", t.version())
            .param("subject", t.subject())
            .param("text", t.text())
            .param("html", t.html())
            .param("providerTemplate", t.providerTemplate())
            .param(
                "providerParams", t.providerParams().isEmpty() ? null : write(t.providerParams()))
            .param("source", t.source() == null ? "unknown" : t.source())
            .param("variables", t.variables().name().toLowerCase(java.util.Locale.ROOT))
            .param("publishedBy", t.publishedBy())
            .update()
        == 1;
  }

  private String write(List<String> params) {
    try {
      return json.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private MessageTemplate template(ResultSet rs, int row) throws SQLException {
    String params = rs.getString("provider_params");
    List<String> providerParams;
    try {
      providerParams = params == null ? List.of() : json.readValue(params, STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("provider_params is not a JSON array of strings: " + params, e);
    }
    return new MessageTemplate(
        rs.getString("message_key"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("locale"),
        rs.getInt("version"),
        rs.getString("subject"),
        rs.getString("text_body"),
        rs.getString("html_body"),
        rs.getString("provider_template"),
        providerParams,
        rs.getString("source"),
        VariableNaming.valueOf(rs.getString("variables").toUpperCase(java.util.Locale.ROOT)),
        rs.getTimestamp("published_at") == null
            ? null
            : rs.getTimestamp("published_at").toInstant(),
        rs.getString("published_by"));
  }
}
