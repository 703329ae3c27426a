package dev.journeys.content;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import java.io.Writer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What one message's render may still spend: output characters, section iterations and time, across
 * all its parts. Exceeding any ends the render with a {@link TemplateRenderException} naming the
 * limit, instead of a worker busy for hours writing gigabytes (sections nested over long lists
 * multiply: three levels over 1,000 items are 10^9 iterations).
 */
final class RenderBudget {

  private final ContentProperties.TemplateLimits limits;
  private final long deadlineNanos;
  private long chars;
  private long iterations;
  private String template = "?";

  RenderBudget(ContentProperties.TemplateLimits limits) {
    this.limits = limits;
    this.deadlineNanos = System.nanoTime() + limits.maxRenderTime().toNanos();
  }

  /** Names the template in the error a limit raises. */
  void rendering(String templateName) {
    this.template = templateName;
  }

  /**
   * Collects only maps, lists and arrays (never reflection on other objects: a template must not
   * reach {@code getClass()} of a value), counting every section iteration.
   */
  Mustache.Collector collector() {
    return new BasicCollector() {
      @Override
      public Iterator<?> toIterator(Object value) {
        Iterator<?> it = super.toIterator(value);
        return it == null ? null : counted(it);
      }

      @Override
      public <K, V> Map<K, V> createFetcherCache() {
        return new HashMap<>();
      }
    };
  }

  /** A writer that stops at the output limit and the deadline. */
  Writer writer(StringBuilder into) {
    return new Writer() {
      @Override
      public void write(char[] buf, int off, int len) {
        spend(len);
        into.append(buf, off, len);
      }

      @Override
      public void write(String str, int off, int len) {
        spend(len);
        into.append(str, off, off + len);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  private void spend(int len) {
    chars += len;
    if (chars > limits.maxOutputChars()) {
      throw exceeded("more than " + limits.maxOutputChars() + " characters of output");
    }
    checkTime();
  }

  private <T> Iterator<T> counted(Iterator<T> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        if (++iterations > limits.maxIterations()) {
          throw exceeded("more than " + limits.maxIterations() + " section iterations");
        }
        checkTime();
        return it.next();
      }
    };
  }

  private void checkTime() {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw exceeded("longer than " + limits.maxRenderTime().toMillis() + " ms");
    }
  }

  private TemplateRenderException exceeded(String what) {
    return new TemplateRenderException(
        "template " + template + " renders " + what + " (journeys.templates.limits)");
  }
}
