package dev.thoth.api.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's lean client against the JDK's HTTP server. */
class KeepAliveHttpTests {

	private final Set<Object> connections = ConcurrentHashMap.newKeySet();

	private HttpServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/fixed", (exchange) -> answer(exchange, 200, "fixed " + query(exchange), false));
		// Length 0: the JDK server sends the body in chunks.
		this.server.createContext("/chunked",
				(exchange) -> answer(exchange, 200, "chunked ".repeat(5000) + query(exchange), true));
		this.server.createContext("/missing", (exchange) -> answer(exchange, 404, "no such thing", false));
		this.server.createContext("/closing", (exchange) -> {
			exchange.getResponseHeaders().set("Connection", "close");
			answer(exchange, 200, "bye", false);
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void readsFixedLengthAndChunkedBodiesOnOneKeptConnection() throws IOException {
		try (KeepAliveHttp http = client()) {
			for (int i = 0; i < 3; i++) {
				KeepAliveHttp.Response fixed = http.get("/fixed?n=" + i);
				assertThat(fixed.status()).isEqualTo(200);
				assertThat(fixed.text()).isEqualTo("fixed n=" + i);
				KeepAliveHttp.Response chunked = http.get("/chunked?n=" + i);
				assertThat(chunked.status()).isEqualTo(200);
				assertThat(chunked.text()).hasSize(40_000 + 3).endsWith("n=" + i);
			}
			KeepAliveHttp.Response missing = http.get("/missing");
			assertThat(missing.status()).isEqualTo(404);
			assertThat(missing.text()).isEqualTo("no such thing");
		}
		assertThat(this.connections).hasSize(1);
	}

	@Test
	void opensAnotherConnectionWhenTheServerClosedItsOwn() throws IOException {
		try (KeepAliveHttp http = client()) {
			assertThat(http.get("/closing").text()).isEqualTo("bye");
			assertThat(http.get("/fixed?again").text()).isEqualTo("fixed again");
		}
		assertThat(this.connections).hasSize(2);
	}

	@Test
	void sendsItsHeaders() throws IOException {
		this.server.createContext("/echo",
				(exchange) -> answer(exchange, 200, exchange.getRequestHeaders().getFirst("Authorization"), false));
		try (KeepAliveHttp http = client()) {
			assertThat(http.get("/echo").text()).isEqualTo("Bearer k");
		}
	}

	private KeepAliveHttp client() {
		return new KeepAliveHttp("127.0.0.1", this.server.getAddress().getPort(), "Authorization: Bearer k\r\n");
	}

	private static String query(HttpExchange exchange) {
		return exchange.getRequestURI().getRawQuery();
	}

	private void answer(HttpExchange exchange, int status, String body, boolean chunked) throws IOException {
		this.connections.add(exchange.getRemoteAddress());
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
