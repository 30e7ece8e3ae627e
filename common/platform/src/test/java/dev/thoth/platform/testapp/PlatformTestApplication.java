package dev.thoth.platform.testapp;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

import dev.thoth.platform.web.RequestIds;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A minimal service on the platform, for testing what every service gets from it. In a
 * package of its own, as a real service is, so it scans none of the platform's classes.
 */
@SpringBootApplication
public class PlatformTestApplication {

	@RestController
	static class ProbeController {

		@GetMapping("/api/v1/probe")
		Map<String, Object> probe() {
			return Map.of("requestId", MDC.get(RequestIds.MDC_KEY), "thread", Thread.currentThread().isVirtual());
		}

		@GetMapping("/api/v1/fail")
		Map<String, Object> fail() {
			throw new IllegalStateException("internal detail that must not leak");
		}

		@GetMapping("/api/v1/teapot")
		void teapot(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
			response.sendError(418);
		}

		@PostMapping("/api/v1/upload")
		Map<String, Object> upload(@RequestPart("file") MultipartFile file) {
			return Map.of("size", file.getSize());
		}

		@GetMapping("/api/v1/ids")
		Map<String, Object> ids(@RequestParam(name = "id", required = false) List<UUID> ids,
				@RequestParam(required = false) String q) {
			return Map.of("ids", (ids != null) ? ids : List.of(), "q", (q != null) ? q : "");
		}

		@PostMapping("/api/v1/echo")
		Probe echo(@RequestBody Probe probe) {
			return probe;
		}

		@PatchMapping(path = "/api/v1/tree", consumes = "application/merge-patch+json")
		JsonNode tree(@RequestBody JsonNode tree) {
			return tree;
		}

		record Probe(String name, List<String> tags, Integer year, UUID ref, List<UUID> refs, Nested nested) {
		}

		record Nested(String note, List<Nested> children) {
		}

		@GetMapping("/api/v1/count")
		Map<String, Object> count(@RequestParam int n) {
			return Map.of("n", n);
		}

	}

}
