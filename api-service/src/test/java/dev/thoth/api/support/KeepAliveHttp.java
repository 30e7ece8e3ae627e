package dev.thoth.api.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A lean HTTP/1.1 client for load generation: one keep-alive connection per thread, GET
 * only, the status and the whole body read (by Content-Length or chunked). The search
 * benchmark's clients share two cores with the service they measure, so what they spend
 * counts against its latency: the JDK's {@code java.net.http} client, with its selector
 * thread and hand-offs, took about a tenth of the CPU of the measured requests (a JFR
 * profile of the semantic row). Load generators such as wrk are kept lean for the same
 * reason; no library we use offers a blocking, thread-confined client.
 */
public final class KeepAliveHttp implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 60_000;

	private final String host;

	private final int port;

	private final String headers;

	private final ThreadLocal<Connection> connections = new ThreadLocal<>();

	private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();

	/**
	 * @param headers more request headers, each line ending in CRLF
	 */
	public KeepAliveHttp(String host, int port, String headers) {
		this.host = host;
		this.port = port;
		this.headers = headers;
	}

	/** A response: its status and body. */
	public record Response(int status, byte[] body) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * GET of the path (with its query, already encoded) on this thread's connection; once
	 * more on a new connection when the server had closed the kept one.
	 */
	public Response get(String pathAndQuery) throws IOException {
		byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + this.host + ":" + this.port + "\r\n"
				+ this.headers + "\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		Connection connection = this.connections.get();
		if (connection != null && !connection.socket.isClosed()) {
			try {
				return connection.exchange(request);
			}
			catch (IOException ex) {
				connection.close();
			}
		}
		connection = open();
		return connection.exchange(request);
	}

	private Connection open() throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(this.host, this.port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		Connection connection = new Connection(socket);
		this.connections.set(connection);
		this.opened.add(connection);
		return connection;
	}

	@Override
	public void close() {
		for (Connection connection = this.opened.poll(); connection != null; connection = this.opened.poll()) {
			connection.close();
		}
	}

	private static final class Connection {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		Connection(Socket socket) throws IOException {
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			this.out = socket.getOutputStream();
		}

		Response exchange(byte[] request) throws IOException {
			this.out.write(request);
			this.out.flush();
			String statusLine = line();
			if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
				throw new IOException("not an HTTP/1.1 response: " + statusLine);
			}
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				if (colon < 0) {
					continue;
				}
				String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
				switch (name) {
					case "content-length" -> length = Long.parseLong(value);
					case "transfer-encoding" -> chunked = value.contains("chunked");
					case "connection" -> close = value.contains("close");
					default -> {
					}
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (chunked) {
				while (true) {
					long size = Long.parseLong(line().split(";", 2)[0].strip(), 16);
					if (size == 0) {
						break;
					}
					copy(size, body);
					line();
				}
				// Trailers, if any, up to the blank line.
				String trailer = line();
				while (!trailer.isEmpty()) {
					trailer = line();
				}
			}
			else if (length >= 0) {
				copy(length, body);
			}
			else {
				this.in.transferTo(body);
				close = true;
			}
			if (close) {
				close();
			}
			return new Response(status, body.toByteArray());
		}

		private void copy(long bytes, ByteArrayOutputStream to) throws IOException {
			byte[] buffer = new byte[8192];
			for (long left = bytes; left > 0;) {
				int read = this.in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (read < 0) {
					throw new EOFException("the body ended " + left + " bytes early");
				}
				to.write(buffer, 0, read);
				left -= read;
			}
		}

		/** A header line without its CRLF. */
		private String line() throws IOException {
			StringBuilder line = new StringBuilder();
			for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
				if (c < 0) {
					throw new EOFException("the connection closed mid-response");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Closing: nothing to lose.
			}
		}

	}

}
