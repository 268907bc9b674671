package dev.hubguard.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The demo's sign-in provider: a real OAuth2/OIDC server (mock-oauth2-server) on
 * 127.0.0.1 with two issuers, {@code cilogon} and {@code github}, whose sign-in page
 * offers the demo users.
 */
final class DemoSignIn {

	private final MockOAuth2Server server;

	private DemoSignIn(MockOAuth2Server server) {
		this.server = server;
	}

	static DemoSignIn start(Path dir, int port) {
		Path page = writeLoginPage(dir);
		String json = "{\"interactiveLogin\": true, \"httpServer\": \"MockWebServerWrapper\", \"loginPagePath\": \""
				+ page.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
		MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(json));
		try {
			server.start(InetAddress.getByName("127.0.0.1"), port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new DemoSignIn(server);
	}

	/**
	 * The base URL; issuers are {@code base + "/cilogon"} and {@code base + "/github"}.
	 */
	String baseUrl() {
		return "http://127.0.0.1:" + server.baseUrl().port();
	}

	void stop() {
		server.shutdown();
	}

	private static Path writeLoginPage(Path dir) {
		String buttons = DemoHubs.users().stream().map(DemoSignIn::form).collect(Collectors.joining("\n"));
		String html = """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Demo sign-in</title>
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<style>
				body{font-family:system-ui,sans-serif;background:#f5f7fa;color:#1c2430;margin:0}
				main{max-width:520px;margin:48px auto;background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:24px 28px}
				h1{font-size:1.4rem;margin:0 0 4px}p{color:#5b6676;margin:0 0 18px}
				form{margin:0 0 10px}button{width:100%%;text-align:left;padding:12px 14px;border:1px solid #dde3ea;
				border-radius:8px;background:#fff;font:inherit;cursor:pointer}button:hover{background:#eef2ff;border-color:#2454c5}
				small{display:block;color:#5b6676}.banner{background:#fef0c7;color:#7a2e0e;text-align:center;padding:6px;font-weight:600}
				</style></head><body><div class="banner">DEMO identity provider: no passwords, pick a person</div>
				<main><h1>Sign in as…</h1><p>This stands in for CILogon and GitHub in Hubguard's demo.</p>
				%s
				</main></body></html>
				"""
			.formatted(buttons);
		try {
			Files.createDirectories(dir);
			Path file = dir.resolve("login.html");
			Files.writeString(file, html);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String form(DemoHubs.DemoUser user) {
		String teams = user.teams().stream().map(t -> "&quot;" + t + "&quot;").collect(Collectors.joining(","));
		String claims = "{&quot;email&quot;:&quot;" + user.email() + "&quot;,&quot;name&quot;:&quot;" + user.name()
				+ "&quot;,&quot;idp&quot;:&quot;" + user.idp() + "&quot;,&quot;login&quot;:&quot;" + user.login()
				+ "&quot;,&quot;id&quot;:&quot;" + Math.abs(user.login().hashCode())
				+ "&quot;,&quot;github_teams&quot;:[" + teams + "]}";
		return """
				<form method="post"><input type="hidden" name="username" value="%s"><input type="hidden" name="claims" value="%s">
				<button type="submit" id="demo-user-%s"><strong>%s</strong><small>%s</small></button></form>"""
			.formatted("demo-" + user.key(), claims, user.key(), user.name(), user.role());
	}

}
