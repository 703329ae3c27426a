package dev.journeys.api.codec;

import dev.journeys.codec.PayloadCodecConfiguration;
import dev.journeys.codec.PayloadCodecProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The API's payload encryption ({@link PayloadCodecConfiguration}) and the CORS rules that let the
 * Temporal UI, a page of another origin, call the codec endpoint: only {@code /codec/**}, only the
 * origins in {@code journeys.codec.cors-origins}. Everything else stays same-origin.
 */
@Configuration(proxyBeanMethods = false)
@Import(PayloadCodecConfiguration.class)
// the codec-only listener's properties (CodecListenerConfiguration): bound even while it is off
@EnableConfigurationProperties(CodecListenerProperties.class)
public class CodecServerConfiguration {

  @Bean
  CorsConfigurationSource corsConfigurationSource(PayloadCodecProperties properties) {
    var source = new UrlBasedCorsConfigurationSource();
    if (!properties.corsOrigins().isEmpty()) {
      var cors = new CorsConfiguration();
      cors.setAllowedOrigins(properties.corsOrigins());
      cors.setAllowedMethods(java.util.List.of("POST", "OPTIONS"));
      // the UI sends the namespace, and with passAccessToken the Authorization header
      cors.setAllowedHeaders(java.util.List.of("Content-Type", "Authorization", "X-Namespace"));
      cors.setAllowCredentials(true);
      cors.setMaxAge(3600L);
      source.registerCorsConfiguration("/codec/**", cors);
    }
    return source;
  }
}
