package dev.thoth.agent.chat;

import dev.thoth.agent.tools.Caller;
import dev.thoth.platform.web.RequestIds;

import org.springframework.http.HttpHeaders;

/** The caller's key and request id, taken from the chat request's headers. */
final class Callers {

	private Callers() {
	}

	static Caller from(HttpHeaders headers, String requestId) {
		String key = headers.getFirst("X-API-Key");
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			key = authorization.substring(7).strip();
		}
		String id = (requestId != null) ? requestId : RequestIds.acceptOrGenerate(headers.getFirst(RequestIds.HEADER));
		return new Caller(key, id);
	}

}
