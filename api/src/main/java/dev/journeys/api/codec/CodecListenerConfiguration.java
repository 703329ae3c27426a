package dev.journeys.api.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.codec.PayloadCodecProperties;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The codec-only listener ({@link CodecListenerProperties}), for the Temporal UI in a browser that
 * cannot send an API key: a port of its own, bound to loopback or an internal address, that serves
 * the codec protocol without credentials, with CORS for the UI's origins ({@code
 * journeys.codec.cors-origins}) only, and nothing else of the API. Whoever reaches that port can
 * decode payloads, so it must stay off any network the UI's users do not already need to be on.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(CodecListenerConfiguration.PortSet.class)
public class CodecListenerConfiguration {

  @Bean
  CodecListener codecListener(CodecListenerProperties properties) {
    return new CodecListener(properties);
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> codecListenerConnector(
      CodecListener listener) {
    return listener::addTo;
  }

  /** First of all filters: the listener's other paths never reach anything. */
  @Bean
  FilterRegistrationBean<CodecListenerFilter> codecListenerFilter(ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new CodecListenerFilter(json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * The listener's own security: before the API's (which would ask for a key), for its requests
   * only; the codec paths open, CORS for the UI's origins, everything else refused.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain codecListenerSecurity(
      HttpSecurity http, PayloadCodecProperties codec, ObjectMapper json) throws Exception {
    var cors = new UrlBasedCorsConfigurationSource();
    if (!codec.corsOrigins().isEmpty()) {
      var rules = new CorsConfiguration();
      rules.setAllowedOrigins(codec.corsOrigins());
      rules.setAllowedMethods(List.of("POST"));
      // the UI sends the namespace; no credentials: this listener takes none
      rules.setAllowedHeaders(List.of("Content-Type", "X-Namespace"));
      rules.setAllowCredentials(false);
      rules.setMaxAge(3600L);
      CodecListenerFilter.PATHS.forEach(path -> cors.registerCorsConfiguration(path, rules));
    }
    http.securityMatcher(CodecListener::arrivedOn)
        .csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: nothing to forge
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .anonymous(a -> {})
        .cors(c -> c.configurationSource(cors))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                        (request, response, denied) -> CodecListenerFilter.notFound(response, json))
                    .authenticationEntryPoint(
                        (request, response, denied) ->
                            CodecListenerFilter.notFound(response, json)))
        .authorizeHttpRequests(
            rules ->
                rules
                    .requestMatchers(
                        org.springframework.http.HttpMethod.POST, "/codec/encode", "/codec/decode")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    .anyRequest()
                    .denyAll());
    return http.build();
  }

  /** On when a port is set; an empty {@code JOURNEYS_CODEC_SERVER_PORT} counts as unset. */
  static final class PortSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Binder.get(context.getEnvironment())
          .bind("journeys.codec.server.port", Integer.class)
          .isBound();
    }
  }
}
