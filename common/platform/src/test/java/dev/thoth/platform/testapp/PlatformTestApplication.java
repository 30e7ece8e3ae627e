package dev.thoth.platform.testapp;

import java.util.Map;

import org.slf4j.MDC;

import dev.thoth.platform.web.RequestIds;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
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

		@GetMapping("/api/v1/count")
		Map<String, Object> count(@RequestParam int n) {
			return Map.of("n", n);
		}

	}

}
