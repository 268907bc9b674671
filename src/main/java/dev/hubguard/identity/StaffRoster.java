package dev.hubguard.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hubguard.shared.EmailAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The staff roster ({@code HUBGUARD_STAFF_ROSTER}): each member of staff once, with every
 * identity they sign in with (CILogon subjects and emails, GitHub logins and ids). It
 * tells whether two sign-ins are one person. Read at start; an invalid file stops the
 * start with a message naming the entry. Without a roster nobody can approve.
 */
@Component
public class StaffRoster {

	private static final Logger log = LoggerFactory.getLogger(StaffRoster.class);

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private final EmailTrust emailTrust;

	private final boolean configured;

	/*
	 * Each kind of identity in its own map, so that one kind is never looked up as
	 * another: a CILogon email claim among subjects, or a numeric GitHub login among ids.
	 */
	private final Map<String, String> cilogonSubjects = new HashMap<>();

	private final Map<String, String> cilogonEmails = new HashMap<>();

	private final Map<String, String> githubIds = new HashMap<>();

	private final Map<String, String> githubLogins = new HashMap<>();

	private final List<Member> members = new java.util.ArrayList<>();

	private final Map<String, Member> byHandle = new HashMap<>();

	/**
	 * A member of staff as others may pick them (as a report's assignee): their name and
	 * the sign-in ids ({@code cilogon:sam@example.org}, {@code github:sam}) they appear
	 * by, the first being the one stored.
	 */
	public record Member(String person, String name, List<String> handles) {

		public String handle() {
			return handles.get(0);
		}

	}

	StaffRoster(IdentityProperties properties, EmailTrust emailTrust) {
		this.emailTrust = emailTrust;
		Path file = properties.staff().roster();
		this.configured = file != null;
		if (file == null) {
			log.warn("no staff roster (HUBGUARD_STAFF_ROSTER): nobody can approve change requests");
			return;
		}
		read(file);
	}

	/** A file that names people; used by {@code hubguard.identity.staff.roster}. */
	record RosterFile(List<Entry> staff) {

		record Entry(String person, String name, List<String> cilogon, List<String> github) {
		}

	}

	private void read(Path file) {
		RosterFile roster;
		try {
			roster = YAML.readValue(Files.readString(file), RosterFile.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The staff roster " + file + " cannot be read: " + ex.getMessage(), ex);
		}
		if (roster == null || roster.staff() == null) {
			throw new IllegalStateException("The staff roster " + file + " has no 'staff' list.");
		}
		Set<String> people = new java.util.HashSet<>();
		for (RosterFile.Entry entry : roster.staff()) {
			String person = entry.person() == null ? "" : entry.person().strip();
			if (person.isEmpty() || !people.add(person)) {
				throw new IllegalStateException("The staff roster " + file + " needs a distinct 'person' id for "
						+ "every entry; '" + person + "' is missing or listed twice.");
			}
			List<String> cilogon = Objects.requireNonNullElse(entry.cilogon(), List.of());
			List<String> github = Objects.requireNonNullElse(entry.github(), List.of());
			add(cilogonEmails, cilogon.stream().filter(EmailAddress::isEmailEntry).toList(), person, file);
			add(cilogonSubjects, cilogon.stream().filter(id -> !EmailAddress.isEmailEntry(id)).toList(), person, file);
			add(githubIds, github.stream().filter(StaffRoster::isGithubId).toList(), person, file);
			add(githubLogins, github.stream().filter(id -> !isGithubId(id)).toList(), person, file);
			List<String> handles = new java.util.ArrayList<>();
			Objects.requireNonNullElse(entry.cilogon(), List.<String>of())
				.stream()
				.filter(Objects::nonNull)
				.map(id -> "cilogon:" + id.strip().toLowerCase(Locale.ROOT))
				.forEach(handles::add);
			// Numeric GitHub ids are never shown as a handle; logins are.
			Objects.requireNonNullElse(entry.github(), List.<String>of())
				.stream()
				.filter(id -> id != null && !isGithubId(id))
				.map(id -> "github:" + id.strip().toLowerCase(Locale.ROOT))
				.forEach(handles::add);
			if (!handles.isEmpty()) {
				Member member = new Member(person,
						entry.name() == null || entry.name().isBlank() ? person : entry.name().strip(),
						List.copyOf(handles));
				members.add(member);
				handles.forEach(handle -> byHandle.put(handle, member));
			}
		}
		members.sort(java.util.Comparator.comparing(Member::name, String.CASE_INSENSITIVE_ORDER));
		log.info("staff roster {}: {} people", file, people.size());
	}

	/** A numeric roster entry is a GitHub account id, never a login. */
	private static boolean isGithubId(String entry) {
		return entry != null && entry.strip().matches("\\d+");
	}

	private static void add(Map<String, String> into, List<String> identities, String person, Path file) {
		for (String identity : Objects.requireNonNullElse(identities, List.<String>of())) {
			String key = identity == null ? "" : identity.strip().toLowerCase(Locale.ROOT);
			if (key.isEmpty()) {
				continue;
			}
			String before = into.putIfAbsent(key, person);
			if (before != null && !before.equals(person)) {
				throw new IllegalStateException("The staff roster " + file + " lists '" + identity + "' for both "
						+ before + " and " + person + ".");
			}
		}
	}

	/** Every member of staff with a sign-in id, by name. */
	public List<Member> members() {
		return List.copyOf(members);
	}

	/** The member of staff who signs in as {@code handle} (case does not matter). */
	public Optional<Member> member(String handle) {
		return handle == null ? Optional.empty()
				: Optional.ofNullable(byHandle.get(handle.strip().toLowerCase(Locale.ROOT)));
	}

	/** For pages: the member's name, or the handle itself when not on the roster. */
	public String nameOf(String handle) {
		return member(handle).map(Member::name).orElse(handle);
	}

	public boolean configured() {
		return configured;
	}

	/** The signed-in person as the four-eyes rule needs them. */
	public Person describe(Authentication authentication) {
		Identity who = Access.identity(authentication)
			.orElseThrow(() -> new IllegalStateException("no signed-in person"));
		return new Person(who.handle(), personOf(who).orElse(null), verifiedEmails(who));
	}

	Optional<String> personOf(Identity who) {
		String subject = who.subject().toLowerCase(Locale.ROOT);
		return switch (who.provider()) {
			case CILOGON -> Optional.ofNullable(cilogonSubjects.get(subject))
				.or(() -> emailTrust.trustedEmail(who).map(cilogonEmails::get));
			case GITHUB -> Optional.ofNullable(githubIds.get(subject))
				.or(() -> Optional.ofNullable(githubLogins.get(who.username().toLowerCase(Locale.ROOT))));
		};
	}

	/**
	 * The emails the four-eyes rule compares people by: a CILogon email Hubguard trusts,
	 * or the email GitHub shows (GitHub shows only verified ones).
	 */
	private Set<String> verifiedEmails(Identity who) {
		Optional<String> email = who.provider() == Identity.Provider.CILOGON ? emailTrust.trustedEmail(who)
				: Optional.ofNullable(who.email()).filter(EmailAddress::isValid);
		return email.map(Set::of).orElse(Set.of());
	}

}
