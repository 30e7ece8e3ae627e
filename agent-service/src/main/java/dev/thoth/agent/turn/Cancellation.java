package dev.thoth.agent.turn;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A turn's end before its time: the client went away, or the turn timeout passed. Model
 * streams stop on its signal; the loop checks it between steps.
 */
public final class Cancellation {

	private final Sinks.Empty<Void> signal = Sinks.empty();

	private final Instant deadline;

	private volatile boolean cancelled;

	public Cancellation(Duration timeout) {
		this.deadline = Instant.now().plus(timeout);
	}

	public void cancel() {
		this.cancelled = true;
		this.signal.tryEmitEmpty();
	}

	public boolean cancelled() {
		return this.cancelled;
	}

	Mono<Void> signal() {
		return this.signal.asMono();
	}

	/** Time left before the turn times out; zero when it has. */
	Duration remaining() {
		Duration left = Duration.between(Instant.now(), this.deadline);
		return left.isNegative() ? Duration.ZERO : left;
	}

	void check() {
		if (this.cancelled) {
			throw new TurnFailedException("The turn was cancelled.");
		}
		if (remaining().isZero()) {
			throw new TurnFailedException("The turn took longer than THOTH_AGENT_TURN_TIMEOUT and was stopped.");
		}
	}

}
