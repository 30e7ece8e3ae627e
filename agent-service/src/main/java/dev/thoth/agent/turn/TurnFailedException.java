package dev.thoth.agent.turn;

/** A turn that cannot go on: the message becomes the error event. */
class TurnFailedException extends RuntimeException {

	TurnFailedException(String message) {
		super(message);
	}

	TurnFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
