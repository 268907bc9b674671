package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.changes.ChangeState;
import dev.hubguard.cluster.ReconcileState;
import dev.hubguard.cluster.ReconcileStatus;
import dev.hubguard.support.PortalTest;
import dev.hubguard.web.MeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Every internet-access and change-request template, rendered by the application's own
 * Thymeleaf view resolver with every state its views can hold: each mode, allow-lists
 * with and without ports, protocols and several entries, requests in every state. A
 * template error (an expression the engine cannot evaluate) fails the test.
 */
@PortalTest
class TemplateStatesTest {

	static final Instant AT = Instant.parse("2025-03-04T05:06:07Z");

	@Autowired
	ThymeleafViewResolver views;

	@Autowired
	WebApplicationContext context;

	static final List<List<AllowRule>> ALLOW_LISTS = List.of(
			List.of(new AllowRule("203.0.113.0/24", "TCP", 443, null, "journal mirror")),
			List.of(new AllowRule("2001:db8::/32", "ANY", null, null, "lab network")),
			List.of(new AllowRule("203.0.113.0/24", "TCP", 443, null, "journal mirror"),
					new AllowRule("198.51.100.7/32", "TCP", 8000, 8100, "dask dashboards"),
					new AllowRule("8.8.8.0/24", "ANY", 53, null, "resolver"),
					new AllowRule("192.0.2.0/24", "UDP", 443, null, "HTTP/3"),
					new AllowRule("192.0.2.9/32", "SCTP", 9899, 9900, "telemetry"),
					new AllowRule("2001:db8::/32", "ANY", null, null, "lab network")));

	static List<EgressPolicy> policies() {
		List<EgressPolicy> policies = new ArrayList<>();
		for (boolean allowPrivate : new boolean[] { false, true }) {
			for (AccessMode mode : AccessMode.values()) {
				if (mode != AccessMode.ALLOWLIST) {
					policies.add(EgressPolicyValidator.validate(mode, allowPrivate, List.of()));
				}
			}
			for (List<AllowRule> rules : ALLOW_LISTS) {
				policies.add(EgressPolicyValidator.validate(AccessMode.ALLOWLIST, allowPrivate, rules));
			}
		}
		return policies;
	}

	static List<ChangeRequestView> requests(EgressPolicy after) {
		List<ChangeRequestView> requests = new ArrayList<>();
		long id = 1;
		for (ChangeState state : ChangeState.values()) {
			for (boolean stale : new boolean[] { false, true }) {
				String name = state.name().toLowerCase(Locale.ROOT);
				boolean decided = state != ChangeState.PENDING;
				requests.add(new ChangeRequestView(id++, "2i2c/mtu", InternetAccess.KIND, name, "summary " + name,
						"because", stale ? null : EgressPolicyJson.write(after), EgressPolicyJson.write(after), 3,
						state == ChangeState.APPROVED ? 4 : null, stale, stale, "ada@mtu.example", AT,
						decided ? "sam@hubguard.example" : null, decided ? AT : null,
						state == ChangeState.REJECTED ? "not now" : null));
			}
		}
		return requests;
	}

	static List<ReconcileStatus> statuses() {
		List<ReconcileStatus> statuses = new ArrayList<>();
		for (ReconcileState state : ReconcileState.values()) {
			boolean failed = state == ReconcileState.ERROR;
			boolean drifted = state == ReconcileState.DRIFTED;
			statuses.add(new ReconcileStatus("hubguard-egress", "2i2c/mtu", 2, state == ReconcileState.APPLYING ? 1 : 2,
					state, failed ? "connection refused" : null, failed ? 3 : 0, AT, failed ? AT : null,
					state == ReconcileState.APPLYING ? null : AT, drifted ? AT : null, drifted ? 2 : 0));
		}
		statuses.add(new ReconcileStatus("hubguard-egress", "2i2c/mtu", 1, null, ReconcileState.APPLYING, null, 0, null,
				null, null, null, 0));
		return statuses;
	}

	static List<EffectiveAccessReport> reports() {
		List<EffectiveAccessReport.Row> rows = List.of(
				new EffectiveAccessReport.Row("public-443", "a public address on 443", true, "hubguard-egress",
						"egress rule 1: to 0.0.0.0/0; 443/TCP", "allowed"),
				new EffectiveAccessReport.Row("public-22", "a public address on 22", false, null, null, "no rule"));
		return List.of(new EffectiveAccessReport("2i2c/mtu", rows, null, null, "calico", null, AT),
				new EffectiveAccessReport("2i2c/mtu", rows, "singleuser", "egress rule 2", "calico", null, AT),
				new EffectiveAccessReport("2i2c/mtu", rows, null, null, null, null, AT),
				new EffectiveAccessReport("2i2c/mtu", List.of(), null, null, null, "cluster unreachable", AT));
	}

	static List<MeView> people() {
		List<MeView> people = new ArrayList<>();
		people.add(null);
		people.add(new MeView("ada@mtu.example", "Ada Admin", "cilogon", "hub-admin", 1));
		people.add(new MeView("sam@hubguard.example", "Sam Staff", "cilogon", "staff", 26));
		return people;
	}

	String render(String template, Map<String, Object> model) throws Exception {
		View view = views.resolveViewName(template, Locale.ENGLISH);
		assertThat(view).as(template).isNotNull();
		MockHttpServletRequest request = new MockHttpServletRequest(context.getServletContext(), "GET", "/");
		request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
		MockHttpServletResponse response = new MockHttpServletResponse();
		view.render(model, request, response);
		return response.getContentAsString();
	}

	Map<String, Object> layout(MeView me) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("demo", me != null);
		model.put("me", me);
		model.put("navHubs", List.of());
		return model;
	}

	@Test
	void theInternetAccessPageRendersInEveryState() throws Exception {
		int pages = 0;
		List<EgressPolicy> policies = new ArrayList<>(policies());
		policies.add(null);
		for (EgressPolicy policy : policies) {
			InternetAccessView.Desired desired = policy == null ? null : new InternetAccessView.Desired(3, policy,
					policy.summary(), AT, "ada@mtu.example", policy.mode() == AccessMode.OPEN ? null : 7L);
			for (EffectiveAccessReport effective : reports()) {
				for (int variant = 0; variant < 3; variant++) {
					Map<String, Object> model = layout(people().get(variant));
					model.put("hub", "2i2c/mtu");
					model.put("access", new InternetAccessView("2i2c/mtu", desired,
							variant == 0 ? List.of() : statuses(), variant == 0 ? List.of() : requests(policy)));
					model.put("effective", effective);
					InternetAccessPageForm form = InternetAccessPageForm.from(desired);
					model.put("form", variant == 2 ? new InternetAccessPageForm(null, null, null, null, null) : form);
					if (variant == 1) {
						model.put("notice", "Applied at once as version 4: it only reduces exposure.");
					}
					if (variant == 2) {
						model.put("formError", "Line 1: ports 'x' should look like all, 443/tcp or 8000-8100/tcp.");
					}

					String html = render("egress/internet-access", model);

					if (policy != null && policy.mode() == AccessMode.ALLOWLIST) {
						for (AllowRule rule : policy.rules()) {
							assertThat(html).contains(rule.cidr()).contains(rule.reason());
						}
					}
					pages++;
				}
			}
		}
		assertThat(pages).isEqualTo((policies().size() + 1) * reports().size() * 3);
	}

	@Test
	void theInternetAccessPageListsEveryAllowListEntryWithItsPortsAndProtocol() throws Exception {
		EgressPolicy policy = EgressPolicyValidator.validate(AccessMode.ALLOWLIST, false, ALLOW_LISTS.get(2));
		Map<String, Object> model = layout(people().get(1));
		InternetAccessView.Desired desired = new InternetAccessView.Desired(3, policy, policy.summary(), AT, "ada", 7L);
		model.put("hub", "2i2c/mtu");
		model.put("access", new InternetAccessView("2i2c/mtu", desired, statuses(), requests(policy)));
		model.put("effective", reports().get(0));
		model.put("form", InternetAccessPageForm.from(desired));

		String html = render("egress/internet-access", model);

		assertThat(html).contains("443/TCP", "8000-8100/TCP", "53/ANY", "443/UDP", "9899-9900/SCTP", "all ports");
	}

	@Test
	void theChangeRequestPagesRenderInEveryState() throws Exception {
		int pages = 0;
		// What a request shows of its policies is their JSON text: one without and one
		// with
		// allow-list entries.
		List<EgressPolicy> policies = policies();
		for (EgressPolicy policy : List.of(policies.get(0), policies.get(policies.size() - 1))) {
			List<ChangeRequestView> requests = requests(policy);
			for (MeView me : people()) {
				for (ChangeRequestView request : requests) {
					for (int variant = 0; variant < 4; variant++) {
						Map<String, Object> model = layout(me);
						model.put("request", request);
						model.put("comments", variant % 2 == 0 ? List.of()
								: List.of(Map.of("author", "sam", "body", "looks fine", "at", AT)));
						model.put("canDecide", variant == 1 || variant == 3);
						model.put("isRequester", variant >= 2);
						if (variant == 1) {
							model.put("notice", "Approved: the reconciler applies it now.");
						}
						if (variant == 3) {
							model.put("problem", "Another member of staff must approve your request.");
						}
						render("changes/show", model);
						pages++;
					}
				}
				for (String filter : List.of("pending", "approved", "rejected", "withdrawn", "all")) {
					for (boolean staff : new boolean[] { false, true }) {
						for (List<ChangeRequestView> shown : List.of(List.<ChangeRequestView>of(), requests)) {
							Map<String, Object> model = layout(me);
							model.put("requests", shown);
							model.put("staff", staff);
							model.put("filter", filter);
							if (staff) {
								Map<ChangeState, Long> counts = new EnumMap<>(ChangeState.class);
								for (ChangeState state : ChangeState.values()) {
									counts.put(state, (long) state.ordinal());
								}
								model.put("counts", counts);
							}
							String html = render("changes/list", model);
							assertThat(html.contains("id=\"no-requests\"")).isEqualTo(shown.isEmpty());
							pages++;
						}
					}
				}
			}
		}
		assertThat(pages).isEqualTo(2 * 3 * (8 * 4 + 5 * 2 * 2));
	}

	@Test
	void aBrokenExpressionFailsTheRendering() {
		// The check above is only worth something if a template error reaches the test.
		Map<String, Object> model = layout(null);
		model.put("request", "not a request");
		assertThatThrownBy(() -> render("changes/show", model)).rootCause().hasMessageContaining("'id'");
	}

}
