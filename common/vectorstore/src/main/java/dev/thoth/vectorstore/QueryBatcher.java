package dev.thoth.vectorstore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends queries that wait at the same time as one call: a call goes out at once while
 * fewer than {@code maxInFlight} are out; queries that arrive meanwhile wait, and when a
 * call comes back the queries waiting with the same key go out together, up to
 * {@code maxBatch}. A lone query is sent at once, as without batching, and no query waits
 * for a timer; under load a call carries what queued while the others were out.
 * <p>
 * Written here because the libraries Thoth has batch by size or by timer (Reactor's
 * {@code bufferTimeout}, a DataLoader's dispatch tick): both make a lone query wait, and
 * a search by meaning should cost nothing extra when it is alone.
 *
 * @param <K> what queries must share to go in one call
 * @param <Q> one query
 * @param <R> one query's answer
 */
final class QueryBatcher<K, Q, R> {

	/** Sends a batch of queries of one key; answers in the queries' order. */
	@FunctionalInterface
	interface Sender<K, Q, R> {

		List<R> send(K key, List<Q> queries);

	}

	private final Sender<K, Q, R> sender;

	private final int maxInFlight;

	private final int maxBatch;

	private final Duration longestWait;

	private final ReentrantLock lock = new ReentrantLock();

	private final ArrayDeque<Pending<K, Q, R>> waiting = new ArrayDeque<>();

	private int inFlight;

	/**
	 * @param longestWait how long a query waits for its answer at most: longer than two
	 * calls, the one out before it and its own, so that only a call that hangs past its
	 * own timeouts trips it
	 */
	QueryBatcher(Sender<K, Q, R> sender, int maxInFlight, int maxBatch, Duration longestWait) {
		if (maxInFlight < 1 || maxBatch < 1) {
			throw new IllegalArgumentException("maxInFlight and maxBatch must be at least 1");
		}
		this.sender = sender;
		this.maxInFlight = maxInFlight;
		this.maxBatch = maxBatch;
		this.longestWait = longestWait;
	}

	/**
	 * The query's answer, sent alone or with others of its key.
	 * @throws RuntimeException what the sender threw for the call that carried it
	 */
	R query(K key, Q query) {
		Pending<K, Q, R> pending = new Pending<>(key, query);
		List<Pending<K, Q, R>> batch = null;
		this.lock.lock();
		try {
			this.waiting.add(pending);
			if (this.inFlight < this.maxInFlight) {
				this.inFlight++;
				batch = nextBatch();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (batch != null) {
			// This thread sends its own call (while a slot was free nothing waited, so
			// the batch is this query alone); what queues meanwhile goes out on a
			// thread of its own, so this answer is not held back by later ones.
			send(batch);
			List<Pending<K, Q, R>> next = afterCall();
			if (next != null) {
				Thread.ofVirtual().name("query-batch").start(() -> sendWhileWaiting(next));
			}
		}
		return await(pending);
	}

	/** How many queries wait for a call. */
	int waitingCount() {
		this.lock.lock();
		try {
			return this.waiting.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void sendWhileWaiting(List<Pending<K, Q, R>> first) {
		for (List<Pending<K, Q, R>> batch = first; batch != null; batch = afterCall()) {
			send(batch);
		}
	}

	/** After a call: the next batch, keeping the call's slot, or null (slot freed). */
	private List<Pending<K, Q, R>> afterCall() {
		this.lock.lock();
		try {
			if (this.waiting.isEmpty()) {
				this.inFlight--;
				return null;
			}
			return nextBatch();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The oldest waiting query and the others of its key, oldest first. Under lock. */
	private List<Pending<K, Q, R>> nextBatch() {
		List<Pending<K, Q, R>> batch = new ArrayList<>();
		K key = this.waiting.peekFirst().key;
		for (Iterator<Pending<K, Q, R>> it = this.waiting.iterator(); it.hasNext() && batch.size() < this.maxBatch;) {
			Pending<K, Q, R> candidate = it.next();
			if (candidate.key.equals(key)) {
				batch.add(candidate);
				it.remove();
			}
		}
		return batch;
	}

	private void send(List<Pending<K, Q, R>> batch) {
		try {
			List<R> answers = this.sender.send(batch.get(0).key, batch.stream().map((p) -> p.query).toList());
			if (answers.size() != batch.size()) {
				throw new IllegalStateException(batch.size() + " queries got " + answers.size() + " answers");
			}
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).answer.complete(answers.get(i));
			}
		}
		catch (Throwable ex) {
			batch.forEach((p) -> p.answer.completeExceptionally(ex));
		}
	}

	private R await(Pending<K, Q, R> pending) {
		try {
			return pending.answer.get(this.longestWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof VectorStoreException failed) {
				// A copy per caller: the same instance thrown on several threads would
				// share one stack trace and collect each one's suppressed exceptions.
				throw new VectorStoreException(failed.getMessage(), failed);
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new VectorStoreException(String.valueOf(ex.getCause().getMessage()), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new VectorStoreException("no answer within " + this.longestWait.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new VectorStoreException("interrupted while waiting for an answer", ex);
		}
	}

	private static final class Pending<K, Q, R> {

		final K key;

		final Q query;

		final CompletableFuture<R> answer = new CompletableFuture<>();

		Pending(K key, Q query) {
			this.key = key;
			this.query = query;
		}

	}

}
