package dev.thoth.platform.http;

import java.io.IOException;

/** A downstream server that did not answer, after retries, or whose circuit is open. */
public class DownstreamUnavailableException extends IOException {

	private final String target;

	public DownstreamUnavailableException(String target, String problem, Throwable cause) {
		super(target + " is unavailable: " + problem, cause);
		this.target = target;
	}

	public String target() {
		return this.target;
	}

}
