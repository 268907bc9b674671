package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Abuse lists say what happened and page by cursor; a report groups its alerts by name
 * and tells its story on one timeline; only staff are assignees.
 */
@PortalTest
class AbuseListTest {

	@LocalServerPort
	int port;

	@Autowired
	AlertIntake intake;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	Api staff;

	Api ada;

	Api bo;

	String pod;

	Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void people() {
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		ada = Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		pod = "jupyter-list" + Long.toHexString(System.nanoTime()) + "-40mtu-2eexample";
	}

	void alert(String name, String severity, Instant at) {
		intake.receive(AlertmanagerPayloads.parse("""
				{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"%s",
				"cluster":"2i2c","namespace":"mtu","pod":"%s","severity":"%s"},
				"annotations":{"summary":"%s on %s"},"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z",
				"fingerprint":"%s"}]}"""
			.formatted(name, pod, severity, name, pod, at, Long.toHexString(System.nanoTime()))
			.getBytes(StandardCharsets.UTF_8)));
	}

	/** Three alerts of two names about one user server: one report. */
	String threeAlerts() {
		alert("UserMemoryNearLimit", "warning", now.minus(30, ChronoUnit.MINUTES));
		alert("UserCpuAtLimitSustained", "warning", now.minus(20, ChronoUnit.MINUTES));
		alert("UserMemoryNearLimit", "critical", now.minus(10, ChronoUnit.MINUTES));
		List<String> refs = jdbc.sql(
				"select distinct r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id where a.pod = :p")
			.param("p", pod)
			.query(String.class)
			.list();
		assertThat(refs).as("one user's alerts on one report").hasSize(1);
		return refs.get(0);
	}

	@Test
	void aReportGroupsItsAlertsByNameWithCountSeverityAndFirstAndLastSeen() {
		String ref = threeAlerts();

		JsonNode groups = ada.get("/api/v1/abuse-reports/" + ref).json().get("groups");

		assertThat(groups).hasSize(2);
		assertThat(groups.get(0).get("alertname").asString()).isEqualTo("UserMemoryNearLimit");
		assertThat(groups.get(0).get("count").asLong()).isEqualTo(2);
		assertThat(groups.get(0).get("severity").asString()).isEqualTo("critical");
		assertThat(Instant.parse(groups.get(0).get("firstSeen").asString()))
			.isEqualTo(now.minus(30, ChronoUnit.MINUTES));
		assertThat(Instant.parse(groups.get(0).get("lastSeen").asString()))
			.isEqualTo(now.minus(10, ChronoUnit.MINUTES));
		assertThat(groups.get(1).get("alertname").asString()).isEqualTo("UserCpuAtLimitSustained");
		assertThat(groups.get(1).get("count").asLong()).isEqualTo(1);
		String page = signedIn("admin-a").get("/abuse/" + ref).body();
		assertThat(page).containsPattern("data-alertname=\"UserMemoryNearLimit\">\\s*<td>UserMemoryNearLimit</td>\\s*"
				+ "<td><span class=\"group-count\">2</span>");
	}

	@Test
	void listRowsSayWhichAlertHowBadFromWhereAboutWhomWhenAndHowMany() {
		String ref = threeAlerts();

		JsonNode row = null;
		for (JsonNode r : staff.get("/api/v1/abuse-reports?hub=2i2c/mtu&limit=200").json()) {
			row = ref.equals(r.get("ref").asString()) ? r : row;
		}

		assertThat(row).as("the report is listed").isNotNull();
		assertThat(row.get("alertname").asString()).isEqualTo("UserMemoryNearLimit");
		assertThat(row.get("alertnames").asInt()).isEqualTo(2);
		assertThat(row.get("severity").asString()).isEqualTo("critical");
		assertThat(row.get("sources").get(0).asString()).isEqualTo("alertmanager");
		assertThat(row.get("alertCount").asInt()).isEqualTo(3);
		assertThat(Instant.parse(row.get("lastAlertAt").asString())).isEqualTo(now.minus(10, ChronoUnit.MINUTES));
		for (String path : List.of("/abuse?hub=2i2c/mtu", "/hubs/2i2c/mtu/abuse")) {
			String html = rowOf(signedIn("staff").get(path).body(), ref);
			assertThat(html).as(path)
				.contains("UserMemoryNearLimit +1 more")
				.contains(">critical<")
				.contains(">Alertmanager<")
				.contains(">3<")
				.contains("datetime=\"" + now.minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS) + "\"")
				.contains(java.time.format.DateTimeFormatter.ofPattern("'>'yyyy-MM-dd HH:mm 'UTC<'")
					.withZone(java.time.ZoneOffset.UTC)
					.format(now.minus(10, ChronoUnit.MINUTES)));
		}
		assertThat(bo.get("/api/v1/abuse-reports?hub=2i2c/mtu").body()).doesNotContain(ref);
	}

	@Test
	void theApiPagesByCursorOpenReportsFirstWithoutRepeatingARow() {
		String hub = "paging/h" + Long.toHexString(System.nanoTime());
		List<String> made = insertReports(hub, 5);

		List<String> seen = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		String next = "/api/v1/abuse-reports?hub=" + hub + "&limit=2";
		while (next != null) {
			Api.Response page = staff.get(next);
			assertThat(page.status()).isEqualTo(200);
			page.json().forEach(r -> seen.add(r.get("ref").asString() + "|" + r.get("state").asString()));
			sizes.add(page.json().size());
			String link = page.header("Link");
			next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
			assertThat(sizes).as("pages end").hasSizeLessThan(5);
		}

		assertThat(sizes).containsExactly(2, 2, 1);
		assertThat(seen).as("no row twice").doesNotHaveDuplicates();
		assertThat(seen.stream().map(s -> s.substring(0, s.indexOf('|'))).toList())
			.containsExactlyInAnyOrderElementsOf(made);
		// Report 4 is resolved: open reports come first, then the newest.
		assertThat(seen.get(4)).endsWith("|resolved");
		assertThat(seen.subList(0, 4)).allMatch(s -> s.endsWith("|open"));
	}

	@Test
	void theListPageLinksToOlderRowsAndPageTwoHoldsTheNextRows() {
		String hub = "paging/p" + Long.toHexString(System.nanoTime());
		List<String> made = insertReports(hub, 52);
		SignInClient sam = signedIn("staff");

		String first = sam.get("/abuse?hub=" + hub).body();
		Matcher older = Pattern.compile("href=\"([^\"]+)\" id=\"older-page\"").matcher(first);
		assertThat(older.find()).as("an older-page link").isTrue();
		String second = sam.get(older.group(1).replace("&amp;", "&")).body();

		Set<String> one = refs(first);
		Set<String> two = refs(second);
		assertThat(one).hasSize(ReportLists.DEFAULT_LIMIT);
		assertThat(two).hasSize(2).doesNotContainAnyElementsOf(one);
		Set<String> all = new HashSet<>(one);
		all.addAll(two);
		assertThat(all).containsExactlyInAnyOrderElementsOf(made);
		assertThat(second).contains("id=\"newest-page\"").doesNotContain("id=\"older-page\"");
	}

	@Test
	void aCursorHubguardDidNotMakeOrAnImpossiblePageSizeIsABadRequest() {
		String forged = Base64.getUrlEncoder().encodeToString("yes:tomorrow:1".getBytes(StandardCharsets.US_ASCII));
		for (String query : List.of("cursor=not-a-cursor!", "cursor=" + forged)) {
			Api.Response answer = staff.get("/api/v1/abuse-reports?" + query);
			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.json().get("field").asString()).isEqualTo("cursor");
		}
		for (String limit : List.of("0", String.valueOf(ReportLists.MAX_LIMIT + 1))) {
			Api.Response answer = ada.get("/api/v1/hubs/2i2c/mtu/abuse-reports?limit=" + limit);
			assertThat(answer.status()).as(limit).isEqualTo(400);
			assertThat(answer.json().get("field").asString()).isEqualTo("limit");
		}
		assertThat(signedIn("staff").get("/abuse?cursor=" + forged).statusCode()).isEqualTo(400);
	}

	@Test
	void onlyMembersOfStaffCanBeAssignedAndAnotherOfTheirIdsStoresTheSamePerson() {
		String ref = threeAlerts();
		int audited = audited(ref);

		Api.Response refused = ada.post("/api/v1/abuse-reports/" + ref + "/triage",
				"{\"state\":\"investigating\",\"assignee\":\"ada@mtu.example\"}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("assignee");
		assertThat(refused.json().get("message").asString()).contains("staff roster");
		JsonNode report = ada.get("/api/v1/abuse-reports/" + ref).json().get("report");
		assertThat(report.get("state").asString()).as("nothing changed").isEqualTo("open");
		assertThat(report.get("assignee").isNull()).isTrue();
		assertThat(audited(ref)).isEqualTo(audited);

		assertThat(ada.post("/api/v1/abuse-reports/" + ref + "/triage", "{\"assignee\":\"github:second-staff\"}")
			.json()
			.get("assignee")
			.asString()).isEqualTo("github:second-staff");
		assertThat(staff.post("/api/v1/abuse-reports/" + ref + "/triage", "{\"assignee\":\"cilogon:demo-staff\"}")
			.json()
			.get("assignee")
			.asString()).isEqualTo("cilogon:sam@hubguard.example");
		assertThat(audited(ref)).isEqualTo(audited + 2);
		String page = signedIn("admin-a").get("/abuse/" + ref).body();
		assertThat(page).contains("<select name=\"assignee\"")
			.contains(">Second Staff (github:second-staff)</option>")
			.doesNotContain("<input type=\"text\" name=\"assignee\"");
	}

	@Test
	void theTimelineHoldsAlertsStateChangesAssignmentsNotesAndTicketsInTimeOrder() {
		String ref = threeAlerts();
		staff.post("/api/v1/abuse-reports/" + ref + "/triage",
				"{\"state\":\"investigating\",\"assignee\":\"github:second-staff\"}");
		ada.post("/api/v1/abuse-reports/" + ref + "/notes", "{\"body\":\"asked the student\"}");
		staff.post("/api/v1/abuse-reports/" + ref + "/tickets",
				"{\"ticketId\":\"T-9\",\"url\":\"https://support.example.org/t/9\"}");

		JsonNode timeline = staff.get("/api/v1/abuse-reports/" + ref).json().get("timeline");

		List<String> kinds = new ArrayList<>();
		List<Instant> times = new ArrayList<>();
		timeline.forEach(e -> {
			kinds.add(e.get("kind").asString());
			times.add(Instant.parse(e.get("at").asString()));
		});
		assertThat(kinds).containsExactly("alert", "alert", "alert", "state", "assigned", "note", "ticket");
		assertThat(times).isSorted();
		assertThat(timeline.get(3).get("title").asString()).isEqualTo("changed the state: open → investigating");
		assertThat(timeline.get(4).get("title").asString()).contains("Second Staff");
		assertThat(timeline.get(5).get("who").asString()).isEqualTo("cilogon:ada@mtu.example");
	}

	List<String> insertReports(String hub, int count) {
		String tag = Long.toHexString(System.nanoTime());
		jdbc.sql("""
				insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at)
				select 'pg-' || :tag || '-' || g, :hub, 'user:u' || g, 'u' || g,
				    case when g = 4 then 'RESOLVED' else 'OPEN' end, now() - (g / 2) * interval '1 minute', now()
				from generate_series(1, :n) g""").param("tag", tag).param("hub", hub).param("n", count).update();
		return jdbc.sql("select ref from abuse_reports where hub = :hub").param("hub", hub).query(String.class).list();
	}

	int audited(String ref) {
		return jdbc.sql("select count(*) from audit_log where action = 'abuse.triaged' and summary like :ref")
			.param("ref", "%" + ref + "%")
			.query(Integer.class)
			.single();
	}

	SignInClient signedIn(String who) {
		SignInClient client = new SignInClient(port);
		client.signIn("cilogon", who);
		return client;
	}

	static String rowOf(String page, String ref) {
		Matcher row = Pattern.compile("<tr data-report=\"" + ref + "\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
		assertThat(row.find()).as("a row for " + ref).isTrue();
		return row.group(1);
	}

	static Set<String> refs(String page) {
		Set<String> refs = new HashSet<>();
		Matcher row = Pattern.compile("<tr data-report=\"([^\"]+)\"").matcher(page);
		while (row.find()) {
			refs.add(row.group(1));
		}
		return refs;
	}

}
