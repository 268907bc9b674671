package dev.hubguard.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 description of the JSON API, served by springdoc at
 * {@code /api/v1/openapi.json} (settings under {@code springdoc} in application.yml: only
 * {@code /api/**} is described). Every operation takes a personal API token
 * ({@code Authorization: Bearer hg_…}, made on the Tokens page); the Alertmanager webhook
 * takes the Alertmanager machine token instead.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	static final String API_TOKEN = "apiToken";

	static final String ALERTMANAGER_TOKEN = "alertmanagerToken";

	static final String ALERTMANAGER_WEBHOOK = "/api/v1/alerts/alertmanager";

	@Bean
	OpenAPI hubguardApi() {
		return new OpenAPI()
			.info(new Info().title("Hubguard API")
				.version("v1")
				.description("Hub admins and provider staff: hubs, internet access, secrets (write-only), "
						+ "change requests, isolation, abuse reports and the audit log. Send a personal API token "
						+ "(made on the Tokens page, it starts with hg_) as 'Authorization: Bearer <token>'; "
						+ "it acts with its owner's rights. Errors are JSON {error, message, field?}."))
			.components(new Components()
				.addSecuritySchemes(API_TOKEN,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("hg_…")
							.description("A personal Hubguard API token, made from a signed-in session."))
				.addSecuritySchemes(ALERTMANAGER_TOKEN,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("The Alertmanager webhook's own token (HUBGUARD_ALERTMANAGER_TOKEN).")))
			.security(List.of(new SecurityRequirement().addList(API_TOKEN)));
	}

	/** The webhook is for Alertmanager, with its machine token, never a person's. */
	@Bean
	OpenApiCustomizer alertmanagerWebhookSecurity() {
		return api -> {
			if (api.getPaths() != null && api.getPaths().get(ALERTMANAGER_WEBHOOK) != null) {
				api.getPaths()
					.get(ALERTMANAGER_WEBHOOK)
					.readOperations()
					.forEach(operation -> operation
						.setSecurity(List.of(new SecurityRequirement().addList(ALERTMANAGER_TOKEN))));
			}
		};
	}

}
