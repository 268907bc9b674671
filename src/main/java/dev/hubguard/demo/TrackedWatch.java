package dev.hubguard.demo;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Set;

/**
 * A watch connection of the in-memory API server, passed through to the CRUD server's own
 * listener and remembered in {@code open} while it is open. A watch that resumes from a
 * version is told only what came after it ({@link ResumedWatchSocket}).
 */
final class TrackedWatch extends WebSocketListener {

	private final WebSocketListener inner;

	private final Set<WebSocket> open;

	private final long resumedFrom;

	/**
	 * @param resumedFrom the resource version the watch resumes from; 0 when it starts
	 * afresh
	 */
	TrackedWatch(WebSocketListener inner, Set<WebSocket> open, long resumedFrom) {
		this.inner = inner;
		this.open = open;
		this.resumedFrom = resumedFrom;
	}

	@Override
	public void onBeforeAccept(WebSocket socket, Response response) {
		inner.onBeforeAccept(socket, response);
	}

	@Override
	public void onOpen(WebSocket socket, Response response) {
		open.add(socket);
		inner.onOpen(resumedFrom > 0 ? new ResumedWatchSocket(socket, resumedFrom) : socket, response);
	}

	@Override
	public void onMessage(WebSocket socket, String text) {
		inner.onMessage(socket, text);
	}

	@Override
	public void onMessage(WebSocket socket, ByteString bytes) {
		inner.onMessage(socket, bytes);
	}

	@Override
	public void onMessage(WebSocket socket, byte[] bytes) {
		inner.onMessage(socket, bytes);
	}

	@Override
	public void onPing(WebSocket socket, byte[] bytes) {
		inner.onPing(socket, bytes);
	}

	@Override
	public void onClosing(WebSocket socket, int code, String reason) {
		open.remove(socket);
		inner.onClosing(socket, code, reason);
	}

	@Override
	public void onClosed(WebSocket socket, int code, String reason) {
		open.remove(socket);
		inner.onClosed(socket, code, reason);
	}

	@Override
	public void onFailure(WebSocket socket, Throwable failure, Response response) {
		open.remove(socket);
		inner.onFailure(socket, failure, response);
	}

}
