package dev.thoth.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw requests to the API on a local port, for what the typed clients cannot send. */
public final class ApiRequests {

	private ApiRequests() {
	}

	/**
	 * Sends {@code method path} with the key in X-API-Key and, unless {@code json} is
	 * null, that JSON body.
	 */
	public static HttpResponse<String> send(HttpClient http, int port, String key, String method, String path,
			String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("X-API-Key", key)
			.timeout(Duration.ofSeconds(10));
		if (json != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
