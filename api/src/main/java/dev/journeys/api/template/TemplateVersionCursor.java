package dev.journeys.api.template;

import dev.journeys.api.page.CursorText;
import dev.journeys.content.MessageTemplate;
import dev.journeys.messaging.Channel;
import java.util.List;

/**
 * Where a page of a message's template versions ended. Versions are listed by channel, locale and
 * version (newest first), not by time, so their cursor is that key of the last version shown.
 */
record TemplateVersionCursor(Channel channel, String locale, int version) {

  /** The list's name in its cursors: a cursor of another list is refused. */
  static final String LIST = "template-versions";

  static TemplateVersionCursor of(MessageTemplate last) {
    return new TemplateVersionCursor(last.channel(), last.locale(), last.version());
  }

  String encode() {
    // the locale last: CursorText lets the last field hold anything
    return CursorText.encode(LIST, channel.name(), Integer.toString(version), locale);
  }

  /** The cursor a client sent back, or null for the first page; 400 if it is not one of ours. */
  static TemplateVersionCursor decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    List<String> fields = CursorText.decode(LIST, cursor, 3);
    try {
      int version = Integer.parseInt(fields.get(1));
      if (version < 1) {
        throw CursorText.invalid();
      }
      return new TemplateVersionCursor(Channel.valueOf(fields.get(0)), fields.get(2), version);
    } catch (IllegalArgumentException e) { // not a number, not a channel
      throw CursorText.invalid();
    }
  }
}
