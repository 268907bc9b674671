package dev.hubguard.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD API server, taught two things a real API server does that the in-memory
 * one lacks: server-side apply (a PATCH with {@code application/apply-patch+yaml} creates
 * or replaces the object, keeping, as field ownership would, the label, annotation and
 * {@code data} keys the applied object leaves out, which other managers set), pod logs
 * (served from text the demo or a test writes with {@link #appendLog}), and resuming a
 * watch without losing a deletion ({@link WatchReplay}).
 */
class ApplyAwareDispatcher extends KubernetesMixedDispatcher {

	private static final tools.jackson.databind.ObjectMapper JSON = io.fabric8.kubernetes.client.utils.Serialization
		.jsonMapper();

	private static final Pattern LOG = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?$");

	private static final Pattern CONTAINER = Pattern.compile("[?&]container=([^&]+)");

	private final Map<String, StringBuilder> logs = new ConcurrentHashMap<>();

	private volatile boolean unavailable;

	private volatile boolean refuseWatches;

	private static final Headers JSON_HEADERS = Headers.builder().add("Content-Type", "application/json").build();

	private final WatchReplay replay = new WatchReplay();

	private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * The open watch connections, so that a test can drop them as a failing API server
	 * does.
	 */
	private final java.util.Set<io.fabric8.mockwebserver.http.WebSocket> watches = ConcurrentHashMap.newKeySet();

	private volatile Predicate<String> forbidden = any -> false;

	/** Requests served, by "METHOD path" (without the query); watches are not counted. */
	private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

	ApplyAwareDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
		super(responses);
	}

	void appendLog(String namespace, String pod, String container, boolean previous, String text) {
		logs.computeIfAbsent(namespace + "/" + pod + "/" + container + (previous ? "/previous" : ""),
				key -> new StringBuilder())
			.append(text);
	}

	/**
	 * While set, every request is answered 503, as an API server that is down behind its
	 * load balancer.
	 */
	void unavailable(boolean value) {
		unavailable = value;
	}

	/**
	 * Answers 403, as RBAC would, every request whose "METHOD path" (without the query)
	 * matches.
	 */
	void forbid(Predicate<String> methodAndPath) {
		forbidden = methodAndPath;
	}

	/**
	 * Closes every open watch connection (1001 going away, as an API server that
	 * restarts); while {@code refuse} is set, new watches are answered 503 too (lists
	 * still work).
	 */
	void dropWatches(boolean refuse) {
		refuseWatches = refuse;
		watches.forEach(socket -> socket.close(1001, "going away"));
		watches.clear();
	}

	/** How many requests (watches left out) matched, since the server started. */
	long requests(Predicate<String> methodAndPath) {
		return requests.entrySet()
			.stream()
			.filter(entry -> methodAndPath.test(entry.getKey()))
			.mapToLong(entry -> entry.getValue().sum())
			.sum();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		String target = request.getPath() == null ? "" : request.getPath();
		String methodAndPath = request.method() + " " + WatchReplay.withoutQuery(target);
		boolean watch = target.contains("watch=true") || target.contains("watch=1");
		if (!watch) {
			requests.computeIfAbsent(methodAndPath, key -> new LongAdder()).increment();
		}
		if (unavailable || (watch && refuseWatches)) {
			return new MockResponse().setResponseCode(503)
				.setBody(
						"{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"ServiceUnavailable\",\"code\":503}");
		}
		if (forbidden.test(methodAndPath)) {
			return new MockResponse().setResponseCode(403)
				.setBody(
						"{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}");
		}
		if (watch && replay.tooOld(target)) {
			return new MockResponse().withWebSocketUpgrade(new ExpiredWatch());
		}
		String method = request.method().name();
		boolean write = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
				|| method.equals("DELETE");
		boolean tracked = write && replay.tracks(method, target);
		String before = tracked ? current(request, target) : null;
		MockResponse response = serve(request);
		if (write && response.code() < 300) {
			String answer = response.getBody() == null ? null
					: new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
			if (tracked && method.equals("DELETE")) {
				String after = current(request, target);
				replay.written(target, before, after, after == null ? tick(request) : answer);
			}
			else if (tracked) {
				replay.written(target, before, answer, answer);
			}
			else {
				replay.seen(answer);
			}
		}
		return watch ? tracked(response, WatchReplay.resumedFrom(target)) : response;
	}

	private MockResponse serve(RecordedRequest request) {
		String path = request.getPath();
		String contentType = request.getHeader("Content-Type");
		if (request.method() == HttpMethod.PATCH && contentType != null
				&& contentType.startsWith("application/apply-patch")) {
			return apply(request, WatchReplay.withoutQuery(path));
		}
		Matcher log = LOG.matcher(path);
		if (request.method() == HttpMethod.GET && log.matches()) {
			return log(log);
		}
		return super.dispatch(request);
	}

	/**
	 * Advances the server's resource version, as a deletion does on a real API server, by
	 * writing a Lease nobody watches; returns the write's answer.
	 */
	private String tick(RecordedRequest request) {
		String path = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/in-memory-api-server-clock";
		String lease = "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":"
				+ "\"in-memory-api-server-clock\",\"namespace\":\"kube-system\"},\"spec\":{\"leaseTransitions\":"
				+ ticks.incrementAndGet() + "}}";
		MockResponse answer = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path,
				JSON_HEADERS, new Buffer().writeUtf8(lease)));
		if (answer.code() == 404) {
			answer = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST,
					path.substring(0, path.lastIndexOf('/')), JSON_HEADERS, new Buffer().writeUtf8(lease)));
		}
		return answer.getBody() == null ? null : new String(answer.getBody().getBytes(), StandardCharsets.UTF_8);
	}

	/** The object at a path as stored now, or null. */
	private String current(RecordedRequest request, String path) {
		String objectPath = WatchReplay.withoutQuery(path);
		MockResponse existing = super.dispatch(
				new RecordedRequest(request.getHttpVersion(), HttpMethod.GET, objectPath, JSON_HEADERS, new Buffer()));
		return existing.code() == 200 ? existing.getBody().readUtf8() : null;
	}

	/** The watch's listener, its connection remembered while open. */
	private MockResponse tracked(MockResponse response, long resumedFrom) {
		io.fabric8.mockwebserver.http.WebSocketListener inner = response.getWebSocketListener();
		if (inner == null) {
			return response;
		}
		return response.withWebSocketUpgrade(new TrackedWatch(inner, watches, resumedFrom));
	}

	private MockResponse apply(RecordedRequest request, String objectPath) {
		byte[] body = keepOthersKeys(request.getUtf8Body(), current(request, objectPath))
			.getBytes(StandardCharsets.UTF_8);
		MockResponse response = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, objectPath,
				JSON_HEADERS, new Buffer(body)));
		if (response.code() == 404) {
			String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
			response = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
					JSON_HEADERS, new Buffer(body)));
			if (response.code() == 201) {
				response.setResponseCode(200);
			}
		}
		return response;
	}

	/**
	 * The applied object plus the keys of the live object's labels, annotations and
	 * {@code data} that it does not name.
	 */
	@SuppressWarnings("unchecked")
	private static String keepOthersKeys(String applied, String live) {
		if (live == null) {
			return applied;
		}
		try {
			Map<String, Object> want = JSON.readValue(applied, Map.class);
			Map<String, Object> have = JSON.readValue(live, Map.class);
			Map<String, Object> wantMeta = (Map<String, Object>) want.computeIfAbsent("metadata",
					key -> new java.util.LinkedHashMap<>());
			Map<String, Object> haveMeta = (Map<String, Object>) have.getOrDefault("metadata", Map.of());
			merge(wantMeta, haveMeta, "labels");
			merge(wantMeta, haveMeta, "annotations");
			merge(want, have, "data");
			return JSON.writeValueAsString(want);
		}
		catch (RuntimeException ex) {
			return applied;
		}
	}

	@SuppressWarnings("unchecked")
	private static void merge(Map<String, Object> want, Map<String, Object> have, String field) {
		if (!(have.get(field) instanceof Map<?, ?> theirs) || theirs.isEmpty()) {
			return;
		}
		Map<String, Object> merged = new java.util.LinkedHashMap<>((Map<String, Object>) theirs);
		if (want.get(field) instanceof Map<?, ?> ours) {
			merged.putAll((Map<String, Object>) ours);
		}
		want.put(field, merged);
	}

	private MockResponse log(Matcher log) {
		Matcher container = CONTAINER.matcher(log.group(3) == null ? "" : log.group(3));
		String query = log.group(3) == null ? "" : log.group(3);
		boolean previous = query.contains("previous=true");
		StringBuilder text = logs.get(log.group(1) + "/" + log.group(2) + "/"
				+ (container.find() ? container.group(1) : "") + (previous ? "/previous" : ""));
		if (text == null) {
			return new MockResponse().setResponseCode(404)
				.setBody(
						"{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
		}
		return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(text.toString());
	}

}
