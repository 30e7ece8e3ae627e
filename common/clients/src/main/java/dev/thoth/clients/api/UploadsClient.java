package dev.thoth.clients.api;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** Hands a PDF to the API, which puts it into the inbox the PDF monitor ingests from. */
@HttpExchange(url = "/api/v1/papers", accept = "application/json")
public interface UploadsClient {

	/**
	 * Uploads the PDF (its file name is the resource's) and, when it was found by the
	 * discovery service, where it came from.
	 */
	@PostExchange(contentType = MediaType.MULTIPART_FORM_DATA_VALUE)
	JobAccepted upload(@RequestPart("file") Resource pdf,
			@RequestPart(name = "origin", required = false) DiscoveryOrigin origin);

}
