package dev.hubguard.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the in-memory API server needs to resume a watch as a real one does. fabric8's
 * CRUD server answers every watch by sending the objects that match it now, whatever
 * {@code resourceVersion} the client resumes from; an object that was deleted, or whose
 * labels took it out of the watch's selection, while the client had no watch open is
 * never reported, and the client's cache keeps it for ever. A real API server replays the
 * events since that version (a DELETED for such an object) or, when it no longer has
 * them, answers 410 Gone so that the client lists again. This remembers the recent
 * departures (deletions, and label changes) and answers 410 to a resumed watch that would
 * miss one, which is what a real server may always do.
 */
final class WatchReplay {

	private static final Pattern VERSION = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"");

	private static final Pattern RESUME = Pattern.compile("[?&]resourceVersion=(\\d+)");

	private static final int KEPT = 20_000;

	/**
	 * An object that left what some watches select.
	 *
	 * @param version the server's resource version once it happened
	 * @param before what the object matched before
	 * @param after what it matches now; null once deleted
	 */
	private record Departure(long version, AttributeSet before, AttributeSet after) {

	}

	private final KubernetesAttributesExtractor attributes = new KubernetesAttributesExtractor();

	private final Deque<Departure> departures = new ArrayDeque<>();

	private long forgottenUpTo = -1;

	private long latest;

	/** Whether a write to this path can take an object out of a watch's selection. */
	boolean tracks(String method, String path) {
		return (method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE"))
				&& attributes.fromPath(withoutQuery(path)).containsKey(KubernetesAttributesExtractor.NAME);
	}

	/**
	 * A write was answered: {@code before} and {@code after} are the object's JSON (null
	 * when absent), {@code answer} the response body, or for a deletion (which does not
	 * advance the in-memory server's version, as it does a real one's) the answer of a
	 * write made just after it for that purpose.
	 */
	synchronized void written(String path, String before, String after, String answer) {
		long version = version(answer);
		if (version > latest) {
			latest = version;
		}
		if (before == null) {
			return;
		}
		String objectPath = withoutQuery(path);
		AttributeSet was = AttributeSet.merge(attributes.fromPath(objectPath), attributes.fromResource(before));
		AttributeSet now = after == null ? null
				: AttributeSet.merge(attributes.fromPath(objectPath), attributes.fromResource(after));
		if (now != null && now.equals(was)) {
			return;
		}
		departures.addLast(new Departure(Math.max(version, latest), was, now));
		while (departures.size() > KEPT) {
			forgottenUpTo = departures.removeFirst().version();
		}
	}

	/** Any other write's answer: keeps the server's latest version. */
	synchronized void seen(String answer) {
		long version = version(answer);
		if (version > latest) {
			latest = version;
		}
	}

	/**
	 * Whether a watch request resumes from a version after which an object it selected
	 * left its selection: then it must list again (410 Gone).
	 */
	synchronized boolean tooOld(String watchPath) {
		long resumed = resumedFrom(watchPath);
		if (resumed == 0) {
			return false;
		}
		if (resumed <= forgottenUpTo) {
			return true;
		}
		AttributeSet query = attributes.fromPath(watchPath);
		for (var it = departures.descendingIterator(); it.hasNext();) {
			Departure departure = it.next();
			if (departure.version() <= resumed) {
				break;
			}
			if (departure.before().matches(query) && (departure.after() == null || !departure.after().matches(query))) {
				return true;
			}
		}
		return false;
	}

	/** The resource version a watch request resumes from; 0 when none. */
	static long resumedFrom(String watchPath) {
		Matcher resume = RESUME.matcher(watchPath);
		return resume.find() ? Long.parseLong(resume.group(1)) : 0;
	}

	/** The path without its query string. */
	static String withoutQuery(String path) {
		int query = path.indexOf('?');
		return query < 0 ? path : path.substring(0, query);
	}

	private static long version(String json) {
		if (json == null) {
			return -1;
		}
		Matcher matcher = VERSION.matcher(json);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

}
