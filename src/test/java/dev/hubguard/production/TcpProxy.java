package dev.hubguard.production;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that a test can cut, as a database restart or a network
 * partition cuts a portal off its PostgreSQL: {@link #cut()} closes every open connection
 * and refuses new ones until {@link #restore()}.
 */
final class TcpProxy implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listener;

	TcpProxy(int targetPort) {
		this.port = Replica.freePort();
		this.targetPort = targetPort;
		restore();
	}

	int port() {
		return port;
	}

	/** Drops every connection and stops listening. */
	synchronized void cut() {
		closeQuietly(listener);
		open.forEach(TcpProxy::closeQuietly);
		open.clear();
	}

	/** Listens again on the same port. */
	synchronized void restore() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			listener = socket;
			Thread.ofVirtual().name("tcp-proxy-accept").start(() -> accept(socket));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				open.add(client);
				open.add(server);
				Thread.ofVirtual().start(() -> pipe(client, server));
				Thread.ofVirtual().start(() -> pipe(server, client));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException closed) {
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			open.remove(from);
			open.remove(to);
		}
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (IOException ignored) {
			// already closed
		}
	}

	@Override
	public void close() {
		cut();
	}

}
