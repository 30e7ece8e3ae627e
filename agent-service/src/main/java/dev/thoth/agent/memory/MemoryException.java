package dev.thoth.agent.memory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A memory request that cannot be done, and why: answered as a problem detail (with the
 * request id), and nothing is changed.
 */
public class MemoryException extends ErrorResponseException {

	public MemoryException(HttpStatus status, String detail) {
		this(status, detail, null);
	}

	public MemoryException(HttpStatus status, String detail, Throwable cause) {
		super(status, problem(status, detail), cause);
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
