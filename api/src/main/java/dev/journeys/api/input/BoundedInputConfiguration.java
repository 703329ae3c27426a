package dev.journeys.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Bounded JSON: stream limits (nesting depth, string, number and name length) so a small body
 * cannot cost unbounded memory or CPU, duplicate keys refused (which of two {@code "email"} values
 * counts is otherwise up to the parser), unknown fields refused on {@link RejectUnknownFields}
 * bodies; the body filter in front of everything; and URLs Tomcat would refuse with an HTML page
 * handed on, so that the security firewall refuses them as problem details.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InputLimitsProperties.class)
public class BoundedInputConfiguration {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer boundedJson(InputLimitsProperties limits) {
    return builder ->
        builder
            .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .postConfigurer(
                mapper -> {
                  mapper
                      .getFactory()
                      .setStreamReadConstraints(
                          StreamReadConstraints.builder()
                              .maxNestingDepth(limits.maxJsonDepth())
                              .maxStringLength(limits.maxJsonStringLength())
                              .maxNumberLength(limits.maxJsonNumberLength())
                              .maxNameLength(limits.maxJsonNameLength())
                              .build());
                  mapper.addHandler(new UnknownFieldsRefused());
                });
  }

  /** Before Spring Security, so an oversized or NUL-laden body is never read further. */
  @Bean
  FilterRegistrationBean<BoundedBodyFilter> boundedBodyFilter(
      InputLimitsProperties limits, ObjectMapper json) {
    var registration =
        new FilterRegistrationBean<>(new BoundedBodyFilter(limits.maxBodySize().toBytes(), json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  /**
   * Tomcat answers an encoded slash ({@code a%2Fb}) with its own HTML 400 page; passed through, the
   * Spring Security firewall refuses it with problem details instead.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
    return factory ->
        factory.addConnectorCustomizers(
            connector ->
                connector.setEncodedSolidusHandling(
                    EncodedSolidusHandling.PASS_THROUGH.getValue()));
  }

  /** Turns an ignored unknown field into an error, for {@link RejectUnknownFields} types. */
  static final class UnknownFieldsRefused extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(
        DeserializationContext context,
        JsonParser parser,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
      if (type.isAnnotationPresent(RejectUnknownFields.class)) {
        throw UnrecognizedPropertyException.from(
            parser, beanOrClass, propertyName, deserializer.getKnownPropertyNames());
      }
      return false;
    }
  }
}
