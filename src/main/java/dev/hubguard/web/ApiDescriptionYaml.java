package dev.hubguard.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The API's description as YAML at the name people guess, {@code /api/v1/openapi.yaml}.
 * springdoc serves YAML only at its JSON path plus {@code .yaml}
 * ({@code /api/v1/openapi.json.yaml}); that address stays too, since it is the one that
 * worked before and removing it would take a rule of its own.
 */
@Controller
@Hidden
class ApiDescriptionYaml {

	static final String PATH = "/api/v1/openapi.yaml";

	@GetMapping(PATH)
	String yaml() {
		return "forward:/api/v1/openapi.json.yaml";
	}

}
