package dev.hubguard.demo;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * A watch answered as a real API server answers one that resumes from a version it no
 * longer has: accepted, then one ERROR event with a 410 Expired status. The client closes
 * it and lists again (closing it from this side as well can stall the server's event loop
 * while the event is still being sent).
 */
final class ExpiredWatch extends WebSocketListener {

	private static final String EVENT = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
			+ "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version\","
			+ "\"reason\":\"Expired\",\"code\":410}}";

	@Override
	public void onOpen(WebSocket socket, Response response) {
		socket.send(EVENT);
	}

}
