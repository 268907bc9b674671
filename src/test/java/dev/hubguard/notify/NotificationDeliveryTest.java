package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.hubguard.demo.DemoMail;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.SignInClient;
import dev.hubguard.support.PortalTest;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery: nothing lost while the mail server is down, nothing sent twice by two
 * senders, the same Message-ID when a message must be sent again, failing messages shown
 * to staff with a retry, the portal inbox, and one-click unsubscribe.
 */
@PortalTest
class NotificationDeliveryTest {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	NotifyWorker worker;

	@Autowired
	FanOut fanOut;

	@Autowired
	Sender sender;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	People people;

	@BeforeEach
	void signIn() {
		people = new People(port, accounts, tokens);
		worker.drain();
	}

	@AfterEach
	void mailServerUpAndDefaultsBack() {
		if (!DemoMail.server().isRunning()) {
			DemoMail.restart();
		}
		jdbc.sql("delete from notify_preferences where person = 'cilogon:ada@mtu.example'").update();
	}

	/**
	 * Records {@code count} notices for Ada (approved requests), as the request path
	 * would.
	 */
	String recordForAda(int count) {
		String batch = "Batch " + UUID.randomUUID().toString().substring(0, 8);
		transactions.executeWithoutResult(status -> {
			for (int i = 0; i < count; i++) {
				outbox.record(Notice.of(NoticeKind.CHANGE_APPROVED, "2i2c/mtu", "change:bench", "github:second-staff",
						"cilogon:ada@mtu.example", batch + " #" + i, "Approved.", "/changes/1"));
			}
		});
		return batch;
	}

	List<MimeMessage> mailsOf(String batch) {
		return Mailbox.where(m -> Mailbox.subject(m).startsWith(batch + " #"));
	}

	@Test
	void aMailServerDownForAWhileLosesNothing() {
		DemoMail.stop();
		String batch = recordForAda(3);
		fanOut.runOnce();
		sender.runOnce();
		sender.runOnce();
		assertThat(jdbc.sql("""
				select count(*) from notify_deliveries d join notify_events e on e.id = d.event_id
				where e.title like :b and d.channel = 'email' and d.state = 'pending' and d.attempts = 2
				    and d.last_error like 'the mail server did not take it%'""")
			.param("b", batch + " #%")
			.query(Long.class)
			.single()).as("kept, with the error, for a retry").isEqualTo(3);

		DemoMail.restart();
		worker.drain();
		assertThat(mailsOf(batch)).hasSize(3);
		assertThat(mailsOf(batch).stream().map(Mailbox::subject)).doesNotHaveDuplicates();
	}

	@Test
	void twoSendersSendEachMessageOnceAndAResendKeepsItsMessageId() throws Exception {
		String batch = recordForAda(200);
		fanOut.runOnce();
		fanOut.runOnce();
		fanOut.runOnce();
		fanOut.runOnce();
		fanOut.runOnce();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> drain = () -> {
				int sent = 0;
				int did;
				while ((did = sender.runOnce()) > 0) {
					sent += did;
				}
				return sent;
			};
			List<Future<Integer>> senders = List.of(pool.submit(drain), pool.submit(drain));
			for (Future<Integer> one : senders) {
				one.get();
			}
		}
		finally {
			pool.shutdown();
		}
		List<MimeMessage> mails = mailsOf(batch);
		assertThat(mails).hasSize(200);
		List<String> ids = mails.stream().map(m -> Mailbox.header(m, "Message-ID")).toList();
		assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("<n\\d+\\.email\\.[0-9a-f]{16}@[^>]+>"));

		// A crash between the mail server's accept and the commit: the row is due again,
		// and the message goes out again with the same Message-ID.
		long one = jdbc.sql("""
				select d.id from notify_deliveries d join notify_events e on e.id = d.event_id
				where e.title = :t and d.channel = 'email'""").param("t", batch + " #7").query(Long.class).single();
		String first = Mailbox.header(Mailbox.withSubject(batch + " #7").get(0), "Message-ID");
		jdbc.sql("update notify_deliveries set state = 'pending' where id = :id").param("id", one).update();
		worker.drain();
		List<MimeMessage> twice = Mailbox.withSubject(batch + " #7");
		assertThat(twice).hasSize(2);
		assertThat(twice.stream().map(m -> Mailbox.header(m, "Message-ID"))).containsOnly(first);
	}

	@Test
	void aMessageThatKeepsFailingIsShownToStaffWithItsErrorAndCanBeRetried() throws Exception {
		DemoMail.stop();
		String batch = recordForAda(1);
		worker.drain();
		long id = jdbc.sql("""
				select d.id from notify_deliveries d join notify_events e on e.id = d.event_id
				where e.title = :t and d.channel = 'email' and d.state = 'failed'""")
			.param("t", batch + " #0")
			.query(Long.class)
			.single();
		SignInClient staff = new SignInClient(port);
		staff.signIn("cilogon", "staff");
		String page = staff.get("/staff/notifications").body();
		assertThat(page).contains(batch + " #0").contains("the mail server did not take it");
		assertThat(staff.get("/staff/notifications?hub=2i2c%2Fmtu").body()).as("who gets what for a hub")
			.contains("cilogon:ada@mtu.example (email: now)")
			.doesNotContain("github:bo-hhmi");
		assertThat(staff.get("/staff/notifications?hub=nope").statusCode()).isEqualTo(400);
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		assertThat(ada.postForm("/tokens", "/staff/notifications/" + id + "/retry", "").statusCode()).as("not staff")
			.isEqualTo(403);

		DemoMail.restart();
		assertThat(staff.postForm("/staff/notifications", "/staff/notifications/" + id + "/retry", "").statusCode())
			.isEqualTo(302);
		worker.drain();
		assertThat(mailsOf(batch)).hasSize(1);
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'notify.retried' and summary like :s")
			.param("s", "%notification " + id + " %")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theInboxListsNewestFirstAPageAtATimeWithAnUnreadCount() {
		String batch = recordForAda(3);
		worker.drain();
		var first = people.ada.get("/api/v1/me/notifications?limit=2");
		assertThat(first.status()).isEqualTo(200);
		JsonNode page = first.json();
		assertThat(page).hasSize(2);
		assertThat(page.get(0).get("title").asString()).isEqualTo(batch + " #2");
		assertThat(page.get(1).get("title").asString()).isEqualTo(batch + " #1");
		assertThat(first.header("Link")).contains("rel=\"next\"");
		int unread = Integer.parseInt(first.header("X-Unread-Count"));
		assertThat(unread).isGreaterThanOrEqualTo(3);

		String next = first.header("Link").replaceAll("^<([^>]+)>.*$", "$1");
		assertThat(people.ada.get(next).json().get(0).get("title").asString()).isEqualTo(batch + " #0");
		assertThat(people.ada.get("/api/v1/me/notifications?cursor=nonsense").status()).isEqualTo(400);

		long id = page.get(0).get("id").asLong();
		assertThat(people.bo.post("/api/v1/me/notifications/" + id + "/read", null).status()).as("not Bo's")
			.isEqualTo(404);
		var read = people.ada.post("/api/v1/me/notifications/" + id + "/read", null);
		assertThat(read.json().get("unread").asInt()).isEqualTo(unread - 1);
		assertThat(people.bo.get("/api/v1/me/notifications?limit=200").json().toString()).doesNotContain(batch);
	}

	@Test
	void unsubscribingWorksWithoutSigningInAndOnlyForItsKind() throws Exception {
		String batch = recordForAda(1);
		worker.drain();
		MimeMessage mail = mailsOf(batch).get(0);
		assertThat(Mailbox.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(Mailbox.partTypes(mail)).contains("text/plain", "text/html");
		String link = Mailbox.header(mail, "List-Unsubscribe").replaceAll("^<([^>]+)>$", "$1");
		String token = link.substring(link.indexOf("token=") + "token=".length());

		// A mail scanner following the link changes nothing: the page asks first.
		MockHttpServletResponse shown = mvc.perform(get("/unsubscribe").param("token", token))
			.andReturn()
			.getResponse();
		assertThat(shown.getStatus()).isEqualTo(200);
		assertThat(shown.getContentAsString()).contains("Unsubscribe").contains("Your change request was approved");
		assertThat(mode("change.approved")).isNull();

		// A tampered token (another kind) is refused and changes nothing.
		String otherKind = token.replace("~change.approved~", "~change.rejected~");
		assertThat(mvc.perform(post("/unsubscribe").param("token", otherKind)).andReturn().getResponse().getStatus())
			.isEqualTo(400);
		assertThat(mode("change.rejected")).isNull();

		// The mail client's one-click POST: no session, no CSRF token.
		assertThat(mvc
			.perform(post("/unsubscribe").param("token", token)
				.contentType("application/x-www-form-urlencoded")
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(mode("change.approved")).isEqualTo("off");
		assertThat(mode("change.rejected")).as("only its kind").isNull();

		String after = recordForAda(1);
		worker.drain();
		assertThat(mailsOf(after)).as("no more emails of that kind").isEmpty();
		assertThat(people.ada.get("/api/v1/me/notifications").body()).as("still in the portal").contains(after);
	}

	@Test
	void aDigestSendsWhatWasDueAsOneMessage() {
		jdbc.sql("""
				insert into notify_preferences (person, kind, channel, mode)
				values ('cilogon:ada@mtu.example', 'change.approved', 'email', 'hourly')""").update();
		String batch = recordForAda(3);
		worker.drain();
		assertThat(mailsOf(batch)).as("not before the hour").isEmpty();
		assertThat(people.ada.get("/api/v1/me/notifications").body()).as("in the portal at once")
			.contains(batch + " #2");

		jdbc.sql("""
				update notify_deliveries d set due_at = now() - interval '1 second' from notify_events e
				where e.id = d.event_id and e.title like :b and d.digest""").param("b", batch + " #%").update();
		worker.drain();
		List<MimeMessage> digest = Mailbox.where(m -> Mailbox.text(m).contains(batch + " #0"));
		assertThat(digest).hasSize(1);
		assertThat(Mailbox.subject(digest.get(0))).startsWith("3 notifications from Hubguard");
		assertThat(Mailbox.text(digest.get(0))).contains(batch + " #1", batch + " #2");
		assertThat(Mailbox.to(digest.get(0))).containsExactly("ada@mtu.example");
	}

	@Test
	void aPersonChoosesPerKindAndBadChoicesAreRefusedNamingTheField() {
		recordForAda(1);
		worker.drain();
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String page = ada.get("/notifications/preferences").body();
		assertThat(page).contains("Your change request was approved").contains("hourly");
		var refused = ada.postForm("/notifications/preferences", "/notifications/preferences",
				"kind=nope&channel=email&mode=now");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("kind");
		assertThat(ada
			.postForm("/notifications/preferences", "/notifications/preferences",
					"kind=change.approved&channel=portal&mode=daily")
			.statusCode()).as("the portal is now or off").isEqualTo(400);
		assertThat(ada
			.postForm("/notifications/preferences", "/notifications/preferences",
					"kind=change.approved&channel=email&mode=daily")
			.statusCode()).isEqualTo(302);
		assertThat(mode("change.approved")).isEqualTo("daily");
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'notify.preference-set' and actor = :a")
			.param("a", "cilogon:ada@mtu.example")
			.query(Long.class)
			.single()).isPositive();
		assertThat(ada.get("/notifications").body()).as("the header's unread count").contains("unread notifications");
	}

	String mode(String kind) {
		return jdbc
			.sql("select mode from notify_preferences where person = 'cilogon:ada@mtu.example' and kind = :k "
					+ "and channel = 'email'")
			.param("k", kind)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
