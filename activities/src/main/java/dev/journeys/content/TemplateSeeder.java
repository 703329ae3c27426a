package dev.journeys.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Loads the built-in journeys' template files into the store at startup, as version 1 of each key,
 * channel and locale that does not have one yet, published. The files are linted like any new
 * version: a file the linter refuses stops the start, naming every finding. Versions created later
 * through the API are never overwritten.
 */
@Component
class TemplateSeeder implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(TemplateSeeder.class);

  private final TemplateStore store;
  private final ContentProperties properties;

  TemplateSeeder(TemplateStore store, ContentProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!properties.seed()) {
      return;
    }
    try {
      int seeded = 0;
      for (MessageTemplate template : TemplateFiles.load(properties.fallbackLocale())) {
        // the files ship with the code: what a deploy brings is published by it
        if (store.insertIfMissing(template.publishedAt(Instant.now(), template.source()))) {
          seeded++;
        }
      }
      log.info("seeded {} message templates from the classpath", seeded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath templates", e);
    }
  }
}
