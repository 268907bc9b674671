package dev.hubguard.demo;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The socket of a watch that resumes from a resource version, as the CRUD server writes
 * to it. That server opens every watch by sending an ADDED event for each object that
 * matches now; a real API server sends only what happened after the version the client
 * resumes from. Those replayed events also move the client's last seen version back to
 * the oldest object's, so this drops every ADDED event for an object whose version the
 * client has already passed.
 */
final class ResumedWatchSocket implements WebSocket {

	private static final ObjectMapper JSON = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper();

	private final WebSocket socket;

	private final long resumedFrom;

	ResumedWatchSocket(WebSocket socket, long resumedFrom) {
		this.socket = socket;
		this.resumedFrom = resumedFrom;
	}

	@Override
	public RecordedRequest request() {
		return socket.request();
	}

	@Override
	public boolean send(String text) {
		return alreadySeen(text) || socket.send(text);
	}

	@Override
	public boolean send(byte[] bytes) {
		return socket.send(bytes);
	}

	@Override
	public boolean close(int code, String reason) {
		return socket.close(code, reason);
	}

	private boolean alreadySeen(String text) {
		if (!text.contains("\"ADDED\"")) {
			return false;
		}
		JsonNode event = JSON.readTree(text);
		if (!"ADDED".equals(event.path("type").asString(""))) {
			return false;
		}
		String version = event.path("object").path("metadata").path("resourceVersion").asString("");
		try {
			return !version.isEmpty() && Long.parseLong(version) <= resumedFrom;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
