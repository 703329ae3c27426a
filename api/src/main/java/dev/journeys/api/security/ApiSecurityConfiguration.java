package dev.journeys.api.security;

import static dev.journeys.api.security.Scope.ADMIN;
import static dev.journeys.api.security.Scope.CUSTOMERS_READ;
import static dev.journeys.api.security.Scope.CUSTOMERS_WRITE;
import static dev.journeys.api.security.Scope.EVENTS_WRITE;
import static dev.journeys.api.security.Scope.OPERATOR;
import static dev.journeys.api.security.Scope.TEMPLATES_WRITE;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.webhook.SmsWebhookProperties;
import dev.journeys.api.webhook.WebhookReceiverProperties;
import dev.journeys.unsubscribe.UnsubscribeProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what. Every endpoint needs an API key (or, when configured, an identity provider's
 * JWT) with its scope, except health (for probes), the signed unsubscribe link (clicked by
 * recipients) and the provider webhooks (verified by their own signatures). Anything without a rule
 * here is refused, so a new endpoint is closed until it is given one.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({
  ApiSecurityProperties.class,
  RateLimitProperties.class,
  JwtProperties.class
})
public class ApiSecurityConfiguration {

  @Bean
  ApiKeys apiKeys(JdbcClient jdbc) {
    return new ApiKeys(jdbc);
  }

  /** Fails the startup before anything listens, if a signing secret could be forged with. */
  @Bean
  SecretsCheck secretsCheck(
      ApiSecurityProperties security,
      UnsubscribeProperties unsubscribe,
      SmsWebhookProperties sms,
      WebhookReceiverProperties webhooks) {
    return SecretsCheck.verify(security, unsubscribe, sms, webhooks);
  }

  @Bean
  SecurityProblems securityProblems(ObjectMapper json) {
    return new SecurityProblems(json);
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiKeys keys,
      ApiSecurityProperties properties,
      SecurityProblems problems,
      RateLimitProperties rateLimit,
      JwtProperties jwt,
      ObjectMapper json)
      throws Exception {
    checkAdminKey(properties);
    // an identity provider's tokens besides the API keys, when one is configured
    JwtBearerTokens tokens = jwt.enabled() ? JwtBearerTokens.from(jwt) : null;
    http.csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: nothing to forge
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(keys, properties, tokens),
            AnonymousAuthenticationFilter.class)
        .addFilterAfter(
            new KeyRateLimitFilter(
                new KeyRateLimiter(rateLimit.perSecond(), rateLimit.burst()), json),
            ApiKeyAuthenticationFilter.class)
        // CORS only where CodecServerConfiguration allows it (the Temporal UI's codec calls)
        .cors(org.springframework.security.config.Customizer.withDefaults())
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(
            rules ->
                rules
                    // public: probes, the error page, links recipients click, signed callbacks
                    .requestMatchers(GET, "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(GET, "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    // the API's contract (OpenAPI document and Swagger UI) is no secret
                    .requestMatchers(
                        GET,
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/v3/api-docs.yaml",
                        "/swagger-ui.html",
                        "/swagger-ui/**")
                    .permitAll()
                    .requestMatchers(GET, "/v1/unsubscribe")
                    .permitAll()
                    .requestMatchers(POST, "/v1/unsubscribe")
                    .permitAll()
                    .requestMatchers(POST, "/v1/webhooks/sms/inbound", "/v1/webhooks/*/status")
                    .permitAll()
                    .requestMatchers(GET, "/v1/webhooks/meta/status")
                    .permitAll()
                    // a customer's enrollments are operations, before the customer rules
                    .requestMatchers("/v1/enrollments/**", "/v1/customers/*/enrollments/**")
                    .access(ScopeRule.all(OPERATOR))
                    // the shop's backend
                    .requestMatchers(POST, "/v1/events")
                    .access(ScopeRule.all(EVENTS_WRITE))
                    // a batch's status, for the key that sent it
                    .requestMatchers(GET, "/v1/events/batches/*")
                    .access(ScopeRule.all(EVENTS_WRITE))
                    .requestMatchers(GET, "/v1/customers/**")
                    .access(ScopeRule.all(CUSTOMERS_READ))
                    .requestMatchers(PUT, "/v1/customers/**")
                    .access(ScopeRule.all(CUSTOMERS_WRITE))
                    .requestMatchers(PATCH, "/v1/customers/**")
                    .access(ScopeRule.all(CUSTOMERS_WRITE))
                    .requestMatchers(DELETE, "/v1/customers/**")
                    .access(ScopeRule.all(CUSTOMERS_WRITE))
                    .requestMatchers(POST, "/v1/products/*/subscriptions")
                    .access(ScopeRule.all(CUSTOMERS_WRITE))
                    // content: a preview renders a customer's profile, so it needs both
                    .requestMatchers(POST, "/v1/templates/*/preview")
                    .access(ScopeRule.all(TEMPLATES_WRITE, CUSTOMERS_READ))
                    .requestMatchers(GET, "/v1/templates/*/versions")
                    .access(ScopeRule.all(TEMPLATES_WRITE))
                    .requestMatchers(POST, "/v1/templates/*/versions")
                    .access(ScopeRule.all(TEMPLATES_WRITE))
                    .requestMatchers(POST, "/v1/templates/*/publish")
                    .access(ScopeRule.all(TEMPLATES_WRITE))
                    // operations
                    .requestMatchers(POST, "/v1/products/*/restocks")
                    .access(ScopeRule.all(OPERATOR))
                    .requestMatchers("/v1/suppressions", "/v1/suppressions/**")
                    .access(ScopeRule.all(OPERATOR))
                    .requestMatchers("/v1/experiments/**")
                    .access(ScopeRule.all(OPERATOR))
                    // funnels: every journey's conversion figures, for the marketing operator
                    .requestMatchers(GET, "/v1/journeys/*/funnel", "/v1/journeys/*/funnel.html")
                    .access(ScopeRule.all(OPERATOR))
                    .requestMatchers(GET, "/actuator/**")
                    .access(ScopeRule.all(OPERATOR))
                    // payload codec: decoding shows what the encryption hides
                    .requestMatchers(POST, "/codec/encode", "/codec/decode")
                    .access(ScopeRule.all(OPERATOR))
                    // the keys themselves
                    .requestMatchers("/v1/admin/**")
                    .access(ScopeRule.all(ADMIN))
                    .anyRequest()
                    .denyAll());
    return http.build();
  }

  private static void checkAdminKey(ApiSecurityProperties properties) {
    if (properties.hasAdminApiKey()
        && properties.adminApiKey().strip().length() < ApiSecurityProperties.MIN_ADMIN_KEY_LENGTH) {
      throw new IllegalStateException(
          "JOURNEYS_ADMIN_API_KEY (journeys.security.admin-api-key) must be at least "
              + ApiSecurityProperties.MIN_ADMIN_KEY_LENGTH
              + " characters; generate one with: openssl rand -base64 32");
    }
  }
}
