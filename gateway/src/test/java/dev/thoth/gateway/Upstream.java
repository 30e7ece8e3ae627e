package dev.thoth.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A small HTTP server standing in for one replica of a Thoth service: it answers its
 * liveness check, echoes what it received (which replica, request id, forwarded headers),
 * streams server-sent events one by one, echoes WebSocket messages, and has a slow path.
 */
final class Upstream implements AutoCloseable {

	final String name;

	final AtomicInteger hits = new AtomicInteger();

	/** Bytes of upload bodies received so far, counted as they arrive. */
	final AtomicLong uploadBytes = new AtomicLong();

	/** When each server-sent event left this server (System.nanoTime). */
	final List<Long> eventsSent = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	Upstream(String name, String host, int port) {
		this.name = name;
		this.server = HttpServer.create()
			.host(host)
			.port(port)
			.doOnConnection(this.connections::add)
			.route((routes) -> routes
				.get("/health/liveness",
						(request, response) -> response.header("Content-Type", "application/json")
							.sendString(Mono.just("{\"status\":\"UP\"}")))
				.ws("/agent/ws", (in, out) -> out.sendString(in.receive().asString().map((text) -> "echo:" + text)))
				.get("/api/v1/broken", (request, response) -> {
					this.hits.incrementAndGet();
					return response.status(500).sendString(Mono.just("broken"));
				})
				.post("/api/v1/papers", this::upload)
				.get("/agent/slow",
						(request, response) -> response
							.sendString(Mono.just("late").delayElement(Duration.ofSeconds(3))))
				.route((request) -> request.uri().startsWith("/api/v1/events")
						|| request.uri().startsWith("/agent/stream"), this::events)
				.route((request) -> true, this::echo))
			.bindNow();
	}

	private Mono<Void> echo(HttpServerRequest request, HttpServerResponse response) {
		this.hits.incrementAndGet();
		String body = "replica=" + this.name + "\nmethod=" + request.method() + "\npath=" + request.uri()
				+ "\nrequest-id=" + request.requestHeaders().get("X-Request-Id") + "\nx-forwarded-for="
				+ request.requestHeaders().get("X-Forwarded-For") + "\nx-forwarded-proto="
				+ request.requestHeaders().get("X-Forwarded-Proto") + "\n";
		// A service sets its own request id; the gateway's copy must be the one returned.
		return response.header("X-Request-Id", "set-by-upstream")
			.header("Content-Type", "text/plain")
			.sendString(request.receive().then(Mono.just(body)))
			.then();
	}

	/** Counts an upload's bytes as they stream in, then answers how many arrived. */
	private Mono<Void> upload(HttpServerRequest request, HttpServerResponse response) {
		this.hits.incrementAndGet();
		Mono<Long> total = request.receive()
			.map((buffer) -> (long) buffer.readableBytes())
			.doOnNext(this.uploadBytes::addAndGet)
			.reduce(0L, Long::sum);
		return response.status(202)
			.header("Content-Type", "text/plain")
			.sendString(total.map((bytes) -> "replica=" + this.name + "\nbytes=" + bytes + "\n"))
			.then();
	}

	/** Five events, 400 ms apart, each flushed as it is written. */
	private Mono<Void> events(HttpServerRequest request, HttpServerResponse response) {
		Flux<String> events = Flux.interval(Duration.ofMillis(400)).take(5).map((i) -> {
			this.eventsSent.add(System.nanoTime());
			return "event: tick\ndata: " + i + "\n\n";
		});
		return response.sse()
			.send(events.map((event) -> Unpooled.copiedBuffer(event, StandardCharsets.UTF_8)), (buffer) -> true)
			.then();
	}

	/** Stops as a killed process does: the open connections are dropped too. */
	@Override
	public void close() {
		this.server.disposeNow();
		this.connections.forEach((connection) -> connection.channel().close().syncUninterruptibly());
	}

}
