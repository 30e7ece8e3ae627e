package dev.thoth.agent.conversation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@Validated
@RestController
@RequestMapping("/agent/v1/sessions")
class SessionsController {

	private final ConversationStore store;

	SessionsController(ConversationStore store) {
		this.store = store;
	}

	@GetMapping
	List<Session> sessions(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
			@RequestParam(defaultValue = "0") @Min(0) int offset) {
		return this.store.sessions(limit, offset);
	}

	@GetMapping("/{id}/messages")
	List<StoredMessage> messages(@PathVariable UUID id) {
		this.store.find(id).orElseThrow(() -> notFound(id));
		return this.store.messages(id);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		if (!this.store.delete(id)) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	static ResponseStatusException notFound(UUID id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No session " + id + ".");
	}

}
