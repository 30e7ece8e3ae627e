package dev.thoth.vectorstore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.MDC;

/**
 * Sends queries of one key that wait at the same time as one call: a query goes out at
 * once while fewer than {@code maxInFlight} calls of its key are out; queries that arrive
 * meanwhile wait, and when a call of their key comes back they go out together, up to
 * {@code maxBatch}. A lone query is sent at once, as without batching, and no query waits
 * for a timer; under load a call carries what queued while the others were out. Queries
 * of different keys never wait for each other.
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

	/** The keys with a call out; a key's lane goes when its last call comes back. */
	private final Map<K, Lane<K, Q, R>> lanes = new HashMap<>();

	/**
	 * @param maxInFlight calls of one key out at once
	 * @param longestWait how long a query waits for its answer at most; one that waits
	 * longer fails and is not sent
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
	 * @throws VectorStoreException what the sender threw for the call that carried it, or
	 * no answer within the longest wait
	 */
	R query(K key, Q query) {
		Pending<Q, R> pending = new Pending<>(query, MDC.getCopyOfContextMap());
		Lane<K, Q, R> lane;
		boolean sendNow = false;
		this.lock.lock();
		try {
			lane = this.lanes.computeIfAbsent(key, Lane::new);
			if (lane.inFlight < this.maxInFlight) {
				// While a slot is free nothing of this key waits: the call is this query.
				lane.inFlight++;
				sendNow = true;
			}
			else {
				lane.waiting.add(pending);
			}
		}
		finally {
			this.lock.unlock();
		}
		if (sendNow) {
			send(lane, List.of(pending));
			List<Pending<Q, R>> next = afterCall(lane);
			if (next != null) {
				// What queued meanwhile goes out on a thread of its own, so this answer
				// is not held back by later ones.
				try {
					Thread.ofVirtual().name("query-batch").start(() -> sendWhileWaiting(lane, next));
				}
				catch (Throwable ex) {
					sendWhileWaiting(lane, next);
				}
			}
		}
		return await(lane, pending);
	}

	/** How many queries wait for a call. */
	int waitingCount() {
		this.lock.lock();
		try {
			return this.lanes.values().stream().mapToInt((lane) -> lane.waiting.size()).sum();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void sendWhileWaiting(Lane<K, Q, R> lane, List<Pending<Q, R>> first) {
		for (List<Pending<Q, R>> batch = first; batch != null; batch = afterCall(lane)) {
			// The oldest query's logging context (its request id) goes with the call.
			Map<String, String> context = batch.get(0).context;
			if (context != null) {
				MDC.setContextMap(context);
			}
			try {
				send(lane, batch);
			}
			finally {
				MDC.clear();
			}
		}
	}

	/**
	 * After a call: the next batch of the lane's key, keeping the call's slot, or null
	 * (the slot freed, and the lane dropped when it was the last).
	 */
	private List<Pending<Q, R>> afterCall(Lane<K, Q, R> lane) {
		this.lock.lock();
		try {
			if (lane.waiting.isEmpty()) {
				lane.inFlight--;
				if (lane.inFlight == 0) {
					this.lanes.remove(lane.key);
				}
				return null;
			}
			List<Pending<Q, R>> batch = new ArrayList<>();
			while (batch.size() < this.maxBatch && !lane.waiting.isEmpty()) {
				batch.add(lane.waiting.removeFirst());
			}
			return batch;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void send(Lane<K, Q, R> lane, List<Pending<Q, R>> batch) {
		try {
			List<R> answers = this.sender.send(lane.key, batch.stream().map((p) -> p.query).toList());
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

	private R await(Lane<K, Q, R> lane, Pending<Q, R> pending) {
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
			withdraw(lane, pending);
			throw new VectorStoreException("no answer within " + this.longestWait.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			withdraw(lane, pending);
			Thread.currentThread().interrupt();
			throw new VectorStoreException("interrupted while waiting for an answer", ex);
		}
	}

	/** A query nobody waits for any more is not sent (if it still waits to be). */
	private void withdraw(Lane<K, Q, R> lane, Pending<Q, R> pending) {
		this.lock.lock();
		try {
			lane.waiting.remove(pending);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A key's calls out and queries waiting. Guarded by the batcher's lock. */
	private static final class Lane<K, Q, R> {

		final K key;

		final ArrayDeque<Pending<Q, R>> waiting = new ArrayDeque<>();

		int inFlight;

		Lane(K key) {
			this.key = key;
		}

	}

	private static final class Pending<Q, R> {

		final Q query;

		/**
		 * The caller's logging context (request id), for a call sent on another thread.
		 */
		final Map<String, String> context;

		final CompletableFuture<R> answer = new CompletableFuture<>();

		Pending(Q query, Map<String, String> context) {
			this.query = query;
			this.context = context;
		}

	}

}
