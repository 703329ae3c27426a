package dev.journeys.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}),
 * generated from the controllers, with the API key as its bearer security scheme.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String API_KEY = "apiKey";

  @Bean
  OpenAPI journeysOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Journeys API")
                .version("v1")
                .description(
                    "Customer events in, journeys started and signalled; profiles, consent,"
                        + " suppressions, templates. Errors are RFC 9457 problem details."))
        .components(
            new Components()
                .addSecuritySchemes(
                    API_KEY,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An API key: Authorization: Bearer <key>. Scopes: events:write,"
                                + " customers:read, customers:write, templates:write, operator,"
                                + " admin.")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY));
  }
}
