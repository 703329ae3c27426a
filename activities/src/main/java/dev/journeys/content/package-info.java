/**
 * Message content: versioned templates per message key, channel and locale in the {@code
 * message_template} table, rendered with Mustache, strictly (a missing variable fails the send with
 * the template named; HTML parts escape values).
 *
 * <p>Each journey's content lives with it in the workflows module, in {@code
 * journeys/<journey>/templates/<key>/<channel>[.<locale>].txt} on the classpath (and {@code .html}
 * beside an email's text; files under {@code templates/<key>/} are read too), and is seeded at
 * startup as version 1 of any key, channel and locale the store does not have. Later changes are
 * new versions, made through {@code POST /v1/templates/{key}/versions}: editing a file does not
 * change a version already stored. Header lines at the top of a file: {@code Subject:} (email, push
 * title), {@code Template:} and {@code Param:} (the approved WhatsApp template used outside the
 * 24-hour window).
 *
 * <p>The customer's locale picks the variant: {@code de-AT}, then {@code de}, then {@code
 * journeys.templates.fallback-locale}. The version and locale rendered are recorded in the ledger.
 */
package dev.journeys.content;
