package dev.thoth.api.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A multipart/form-data body built byte by byte, so tests can send what a hostile client
 * would: any file name, any declared type, any content.
 */
public final class Multipart {

	private final String boundary = "thoth-" + UUID.randomUUID();

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	public Multipart file(String field, String filename, String contentType, byte[] content) {
		String header = "--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
				+ filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
		this.body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
		this.body.writeBytes(content);
		this.body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		return this;
	}

	public Multipart field(String field, String value) {
		String part = "--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n"
				+ value + "\r\n";
		this.body.writeBytes(part.getBytes(StandardCharsets.UTF_8));
		return this;
	}

	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	public HttpRequest.BodyPublisher publisher() {
		ByteArrayOutputStream complete = new ByteArrayOutputStream();
		complete.writeBytes(this.body.toByteArray());
		complete.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.BodyPublishers.ofByteArray(complete.toByteArray());
	}

}
