package dev.thoth.vectorstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How queries share calls: the sender here holds each call until the test lets it go, so
 * what waits while a call is out is known. The calls themselves are tested on ChromaDB
 * ({@code ChromaLuceneVectorStoreTests}).
 */
class QueryBatcherTests {

	private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());

	private final Semaphore started = new Semaphore(0);

	private final Semaphore release = new Semaphore(0);

	private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

	/** Answers each query with its upper case, once the test releases the call. */
	private final QueryBatcher.Sender<String, String, String> upperCase = (key, queries) -> {
		this.calls.add(List.copyOf(queries));
		this.started.release();
		acquire(this.release);
		return queries.stream().map((q) -> key + ":" + q.toUpperCase()).toList();
	};

	@AfterEach
	void stopCallers() {
		this.release.release(1000);
		this.callers.shutdownNow();
	}

	@Test
	void aLoneQueryGoesOutAtOnceAlone() throws Exception {
		QueryBatcher<String, String, String> batcher = batcher(1, 16);
		Future<String> answer = this.callers.submit(() -> batcher.query("k", "a"));
		acquire(this.started);
		this.release.release();

		assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("k:A");
		assertThat(this.calls).containsExactly(List.of("a"));
	}

	@Test
	void queriesThatArriveWhileACallIsOutGoTogetherInTheirOrder() throws Exception {
		QueryBatcher<String, String, String> batcher = batcher(1, 16);
		Future<String> first = callOut(batcher, "a");
		List<Future<String>> queued = new ArrayList<>();
		for (String query : List.of("b", "c", "d")) {
			queued.add(this.callers.submit(() -> batcher.query("k", query)));
			waitUntilWaiting(batcher, queued.size());
		}
		this.release.release();

		// The first caller has its answer while the call of the others is still out.
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("k:A");
		acquire(this.started);
		assertThat(queued).noneMatch(Future::isDone);
		this.release.release();
		assertThat(queued.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("k:B");
		assertThat(queued.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("k:C");
		assertThat(queued.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("k:D");
		assertThat(this.calls).containsExactly(List.of("a"), List.of("b", "c", "d"));
	}

	@Test
	void onlyQueriesOfOneKeyShareACallAndOtherKeysDoNotWaitForIt() throws Exception {
		QueryBatcher<String, String, String> batcher = batcher(1, 2);
		Future<String> first = callOut(batcher, "a");
		Future<String> b = this.callers.submit(() -> batcher.query("k", "b"));
		waitUntilWaiting(batcher, 1);
		Future<String> x = this.callers.submit(() -> batcher.query("filtered", "x"));
		acquire(this.started);
		assertThat(this.calls).containsExactly(List.of("a"), List.of("x"));
		List<Future<String>> queued = new ArrayList<>(List.of(b));
		String[][] arrivals = { { "k", "c" }, { "k", "d" }, { "filtered", "y" } };
		for (String[] arrival : arrivals) {
			queued.add(this.callers.submit(() -> batcher.query(arrival[0], arrival[1])));
			waitUntilWaiting(batcher, queued.size());
		}
		this.release.release(5);

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("k:A");
		assertThat(x.get(10, TimeUnit.SECONDS)).isEqualTo("filtered:X");
		List<String> answers = new ArrayList<>();
		for (Future<String> answer : queued) {
			answers.add(answer.get(10, TimeUnit.SECONDS));
		}
		assertThat(answers).containsExactly("k:B", "k:C", "k:D", "filtered:Y");
		// At most two a call, oldest first, never two keys in one.
		assertThat(this.calls).containsExactlyInAnyOrder(List.of("a"), List.of("x"), List.of("b", "c"), List.of("d"),
				List.of("y"));
		assertThat(this.calls.indexOf(List.of("b", "c"))).isLessThan(this.calls.indexOf(List.of("d")));
	}

	@Test
	void callsGoOutSideBySideUpToTheLimit() throws Exception {
		QueryBatcher<String, String, String> batcher = batcher(2, 16);
		Future<String> first = this.callers.submit(() -> batcher.query("k", "a"));
		Future<String> second = this.callers.submit(() -> batcher.query("k", "b"));
		acquire(this.started);
		acquire(this.started);
		Future<String> third = this.callers.submit(() -> batcher.query("k", "c"));
		waitUntilWaiting(batcher, 1);
		assertThat(this.calls).hasSize(2);
		this.release.release(3);

		assertThat(List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS),
				third.get(10, TimeUnit.SECONDS)))
			.containsExactly("k:A", "k:B", "k:C");
		assertThat(this.calls).hasSize(3).contains(List.of("c"));
	}

	@Test
	void aFailedCallFailsEachOfItsQueriesWithItsMessageAndTheNextCallsStillGo() throws Exception {
		AtomicInteger call = new AtomicInteger();
		QueryBatcher.Sender<String, String, String> failingOnce = (key, queries) -> {
			this.calls.add(List.copyOf(queries));
			this.started.release();
			acquire(this.release);
			if (call.getAndIncrement() == 1) {
				throw new VectorStoreException("ChromaDB at http://chroma:8000 failed to search by meaning (HTTP 500)");
			}
			return queries.stream().map(String::toUpperCase).toList();
		};
		QueryBatcher<String, String, String> batcher = new QueryBatcher<>(failingOnce, 1, 16, Duration.ofSeconds(10));
		Future<String> first = callOut(batcher, "a");
		Future<String> b = this.callers.submit(() -> batcher.query("k", "b"));
		waitUntilWaiting(batcher, 1);
		Future<String> c = this.callers.submit(() -> batcher.query("k", "c"));
		waitUntilWaiting(batcher, 2);
		this.release.release(2);

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
		for (Future<String> failed : List.of(b, c)) {
			assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).cause()
				.isInstanceOf(VectorStoreException.class)
				.hasMessage("ChromaDB at http://chroma:8000 failed to search by meaning (HTTP 500)");
		}
		Future<String> after = this.callers.submit(() -> batcher.query("k", "d"));
		this.release.release();
		assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("D");
	}

	@Test
	void aWaitingQueryWaitsNoLongerThanItsLimitAndIsThenNotSent() throws Exception {
		// The call out is bounded by its own HTTP timeouts; the limit guards the queries
		// queued behind it.
		QueryBatcher<String, String, String> batcher = new QueryBatcher<>(this.upperCase, 1, 16,
				Duration.ofMillis(200));
		Future<String> first = callOut(batcher, "a");

		assertThatThrownBy(() -> batcher.query("k", "b")).isInstanceOf(VectorStoreException.class)
			.hasMessage("no answer within 200 ms");
		assertThat(batcher.waitingCount()).isZero();
		this.release.release(2);
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("k:A");
		assertThat(this.calls).containsExactly(List.of("a"));
	}

	@Test
	void limitsBelowOneAreRefused() {
		assertThatThrownBy(() -> new QueryBatcher<>(this.upperCase, 0, 16, Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new QueryBatcher<>(this.upperCase, 1, 0, Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/** A batcher over {@link #upperCase} that waits 10 s at most. */
	private QueryBatcher<String, String, String> batcher(int maxInFlight, int maxBatch) {
		return new QueryBatcher<>(this.upperCase, maxInFlight, maxBatch, Duration.ofSeconds(10));
	}

	/** The query's call, once it is out and held. */
	private Future<String> callOut(QueryBatcher<String, String, String> batcher, String query) {
		Future<String> answer = this.callers.submit(() -> batcher.query("k", query));
		acquire(this.started);
		return answer;
	}

	private static void waitUntilWaiting(QueryBatcher<?, ?, ?> batcher, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (batcher.waitingCount() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("fewer than " + count + " queries waiting after 10 s");
			}
			Thread.sleep(1);
		}
	}

	private static void acquire(Semaphore semaphore) {
		try {
			if (!semaphore.tryAcquire(10, TimeUnit.SECONDS)) {
				throw new AssertionError("not released within 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
