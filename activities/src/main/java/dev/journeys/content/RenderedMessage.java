package dev.journeys.content;

/**
 * Content ready for a channel. {@code subject} and {@code html} are null for channels without
 * them (SMS).
 */
public record RenderedMessage(String subject, String text, String html) {}
