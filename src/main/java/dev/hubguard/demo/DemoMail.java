package dev.hubguard.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The demo's mail server: an embedded GreenMail SMTP server on the loopback interface,
 * one per process, that keeps every message it is handed so the demo can show the demo
 * people's inboxes (and tests can read them).
 */
public final class DemoMail {

	static final String CLASS = "com.icegreen.greenmail.util.GreenMail";

	private static GreenMail server;

	private static int port;

	private DemoMail() {
	}

	/** Starts the server once; answers its SMTP port. */
	static synchronized int startOnce() {
		if (server == null) {
			port = freePort();
			start();
		}
		return port;
	}

	private static void start() {
		server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
	}

	/**
	 * The running server, for the demo's inbox page and for tests; null outside the demo.
	 */
	public static synchronized GreenMail server() {
		return server;
	}

	/** Stops the server, as a mail server that is down (tests). */
	public static synchronized void stop() {
		if (server != null) {
			server.stop();
		}
	}

	/** Starts it again on the same port, empty (tests). */
	public static synchronized void restart() {
		stop();
		start();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free port for the demo's mail server", ex);
		}
	}

}
