package dev.thoth.vectorstore.index;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.thoth.vectorstore.VectorStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This replica's search index, and how it follows PostgreSQL.
 * <ul>
 * <li><b>Where</b>: a slot under the index directory ({@code slot-1}, {@code slot-2}, …)
 * that this process holds a file lock on, so two processes on one host never share one;
 * in it, the index folders and a file {@code current} naming the one in use.</li>
 * <li><b>Following</b>: one thread applies the numbered changes (paper_chunk_changes) in
 * order: it re-reads each changed paper's passages and replaces them in the index, then
 * reopens the searcher (near real time). It waits on PostgreSQL {@code NOTIFY} (sent by
 * the writers' triggers on commit) and looks anyway every {@code poll}; changes are
 * committed to disk at most every {@code commitInterval}, with the number they reach, so
 * a restart (or a crash, even in the middle of a commit: Lucene's commit point is written
 * last) goes on from the last commit.</li>
 * <li><b>Rebuilding</b>: without a usable index (none, another layout, another database,
 * a corrupt one, one older than the changes still listed, or a rebuild asked for), a new
 * one is built beside the old from one snapshot of the database, caught up, committed,
 * and then swapped in: searches keep using the old one until then.</li>
 * </ul>
 */
public final class SearchIndex implements AutoCloseable {

	private static final Log log = LogFactory.getLog(SearchIndex.class);

	private static final int CHANGE_BATCH = 500;

	private static final int BUILD_BATCH = 500;

	private static final Duration RETIRE_AFTER = Duration.ofSeconds(10);

	private static final Duration FIRST_INDEX_WAIT = Duration.ofSeconds(10);

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

	private final ChunkFeed feed;

	private final Settings settings;

	private final LuceneChunkIndex.Layout layout;

	private final Consumer<Progress> progress;

	private final ReentrantLock applying = new ReentrantLock();

	private final Object readiness = new Object();

	/** What the follower waits on between tries; close() wakes it. */
	private final Object wake = new Object();

	private volatile LuceneChunkIndex current;

	private volatile Build build;

	private volatile String failure;

	private volatile boolean closed;

	private Path slot;

	private FileChannel slotChannel;

	private FileLock slotLock;

	private Thread follower;

	/** The thread of a rebuild asked for while following, if one runs. */
	private volatile Thread rebuilder;

	private Instant lastCommit = Instant.now();

	private Instant lastPrune = Instant.EPOCH;

	/**
	 * @param directory where the slots are
	 * @param poll how long the follower waits for a notification before it looks anyway
	 * @param commitInterval how often applied changes are committed to disk at most
	 * @param retention how long changes stay listed for replicas that are behind
	 * @param buildThreads threads that add passages to a new index
	 */
	public record Settings(Path directory, Duration poll, Duration commitInterval, Duration retention,
			int buildThreads) {
	}

	/**
	 * A rebuild's progress, for events and the status endpoint; or, with phase
	 * {@link #APPLIED}, changes made searchable (done: how many).
	 *
	 * @param phase {@code started}, {@code progress}, {@code done}, {@code failed} or
	 * {@code applied}
	 */
	public record Progress(String phase, long done, long total, String message) {

		public static final String APPLIED = "applied";

	}

	/**
	 * What this replica's index is doing. {@code passagesWithoutVector}: passages found
	 * by their words only (their vector was missing, all zeros or of the wrong length;
	 * re-processing the paper mends them).
	 */
	public record Status(String state, long passages, long passagesWithoutVector, long seq, long headSeq,
			long sizeBytes, int segments, String path, BuildStatus build, String failure) {
	}

	/** A rebuild under way. */
	public record BuildStatus(Instant startedAt, long done, long total, String reason) {
	}

	public SearchIndex(ChunkFeed feed, Settings settings, LuceneChunkIndex.Layout layout, Consumer<Progress> progress) {
		this.feed = feed;
		this.settings = settings;
		this.layout = layout;
		this.progress = progress;
	}

	/**
	 * Claims a slot and starts following (and building, when needed) in the background.
	 */
	public synchronized void start() {
		if (this.follower != null) {
			return;
		}
		try {
			claimSlot();
		}
		catch (IOException ex) {
			throw new VectorStoreException("cannot use the search index directory " + this.settings.directory()
					+ " (THOTH_SEARCH_INDEX_DIR): " + ex.getMessage(), ex);
		}
		this.follower = Thread.ofPlatform().name("search-index-follower").daemon().start(this::follow);
	}

	/** The index searches use. */
	public LuceneChunkIndex index() {
		LuceneChunkIndex index = this.current;
		if (index == null) {
			// A replica that has just started builds its first index from PostgreSQL. A
			// small library's takes a second or two, worth waiting for; a large one's
			// is a 503 with Retry-After.
			awaitReady(FIRST_INDEX_WAIT);
			index = this.current;
			if (index == null) {
				throw new SearchIndexUnavailableException(unavailableReason());
			}
		}
		return index;
	}

	/**
	 * The last change the index searches see (0 before there is one): a search answered
	 * at one number may be cached under it.
	 */
	public long seq() {
		LuceneChunkIndex index = this.current;
		return (index != null) ? index.seq() : 0;
	}

	/** True once there is an index to search. */
	public boolean ready() {
		return this.current != null;
	}

	/**
	 * Applies every change committed so far, now, in the caller's thread: what this
	 * process just wrote is searchable when it returns. Waits for the first index up to
	 * {@code wait}.
	 */
	public void catchUp(Duration wait) {
		awaitReady(wait);
		this.applying.lock();
		try {
			LuceneChunkIndex index = index();
			int applied = catchUp(index);
			index.refresh();
			if (applied > 0) {
				report(new Progress(Progress.APPLIED, applied, index.seq(), null));
			}
		}
		catch (IOException ex) {
			throw new VectorStoreException("search index: applying changes failed: " + ex.getMessage(), ex);
		}
		finally {
			this.applying.unlock();
		}
	}

	/** Blocks until there is an index to search, at most {@code wait}. */
	public void awaitReady(Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		synchronized (this.readiness) {
			while (this.current == null && !this.closed) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new SearchIndexUnavailableException(unavailableReason());
				}
				try {
					this.readiness.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new SearchIndexUnavailableException("interrupted while waiting for the search index");
				}
			}
		}
	}

	/** Asks every replica (this one too) to rebuild its index; see {@link #status()}. */
	public long requestRebuild() {
		return this.feed.requestRebuild();
	}

	public Status status() {
		LuceneChunkIndex index = this.current;
		Build running = this.build;
		BuildStatus building = (running != null)
				? new BuildStatus(running.startedAt, running.done.get(), running.total, running.reason) : null;
		long head;
		try {
			head = this.feed.state().version();
		}
		catch (RuntimeException ex) {
			head = -1;
		}
		String state = (index == null) ? ((this.failure != null && running == null) ? "failed" : "building")
				: (running != null) ? "rebuilding" : "ready";
		LuceneChunkIndex.Shape shape;
		long withoutVector;
		try {
			shape = (index != null) ? index.shape() : new LuceneChunkIndex.Shape(0, 0);
			withoutVector = (index != null) ? index.passagesWithoutVector() : 0;
		}
		catch (RuntimeException ex) {
			shape = new LuceneChunkIndex.Shape(0, 0); // swapped and closed meanwhile
			withoutVector = 0;
		}
		return new Status(state, shape.passages(), withoutVector, (index != null) ? index.seq() : 0, head,
				(index != null) ? index.sizeOnDisk() : 0, shape.segments(),
				(index != null) ? index.path().toString() : null, building, this.failure);
	}

	private String unavailableReason() {
		Build running = this.build;
		if (running != null) {
			return "The search index is being built (" + running.done.get() + " of " + running.total
					+ " passages); try again shortly";
		}
		if (this.failure != null) {
			return "The search index could not be built: " + this.failure;
		}
		return "The search index is being opened; try again shortly";
	}

	private void follow() {
		try {
			openOrBuild();
		}
		catch (RuntimeException | IOException ex) {
			if (this.closed) {
				return;
			}
			this.failure = ex.getMessage();
			log.error("The search index could not be opened or built; retrying: " + ex.getMessage(), ex);
		}
		Duration backoff = Duration.ofSeconds(1);
		while (!this.closed) {
			try (Connection connection = this.feed.dataSource().getConnection()) {
				PGConnection notifications = connection.unwrap(PGConnection.class);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + ChunkFeed.CHANNEL);
				}
				backoff = Duration.ofSeconds(1);
				while (!this.closed) {
					step();
					PGNotification[] received = notifications
						.getNotifications((int) Math.max(1, this.settings.poll().toMillis()));
					if (received != null && received.length > 0) {
						log.debug("Search index woken by " + received.length + " notification(s)");
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.closed) {
					return;
				}
				log.warn("Search index follower: " + ex.getMessage() + "; again in " + backoff.toSeconds() + " s");
				pause(backoff);
				backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
						: backoff.multipliedBy(2);
			}
		}
	}

	/** One round: rebuild when needed, catch up, commit when due, prune when due. */
	private void step() {
		if (this.current == null) {
			if (this.build == null) {
				try {
					openOrBuild();
				}
				catch (IOException | RuntimeException ex) {
					this.failure = ex.getMessage();
					throw (ex instanceof RuntimeException runtime) ? runtime
							: new VectorStoreException(ex.getMessage(), ex);
				}
			}
			return;
		}
		// Read under the lock that applying changes takes: a writer's catchUp meanwhile
		// would otherwise put the index ahead of the state read, which looks like a
		// database restored from an older backup and starts a needless rebuild.
		String stale;
		this.applying.lock();
		try {
			stale = staleness(this.current, this.feed.state());
		}
		finally {
			this.applying.unlock();
		}
		if (stale != null) {
			// The rebuild thread sets `build` only once it has read the database's state:
			// until then, the thread alive is what says a rebuild is under way.
			Thread rebuilding = this.rebuilder;
			if (this.build == null && (rebuilding == null || !rebuilding.isAlive())) {
				startRebuild(stale);
			}
			if (!stale.startsWith("a rebuild was asked")) {
				return; // the old index cannot follow: it serves as it is until the new
						// one
			}
		}
		this.applying.lock();
		try {
			LuceneChunkIndex index = this.current;
			int applied = catchUp(index);
			if (applied > 0) {
				index.refresh();
				report(new Progress(Progress.APPLIED, applied, index.seq(), null));
			}
			if (index.hasUncommittedChanges() && Duration.between(this.lastCommit, Instant.now())
				.compareTo(this.settings.commitInterval()) >= 0) {
				index.commit();
				this.lastCommit = Instant.now();
			}
		}
		catch (IOException ex) {
			throw new VectorStoreException("search index: " + ex.getMessage(), ex);
		}
		finally {
			this.applying.unlock();
		}
		if (Duration.between(this.lastPrune, Instant.now()).compareTo(Duration.ofHours(1)) >= 0) {
			this.lastPrune = Instant.now();
			this.feed.prune(this.settings.retention());
		}
	}

	/** Why this index cannot simply follow the database, or null when it can. */
	private static String staleness(LuceneChunkIndex index, ChunkFeed.State state) {
		if (!state.generation().equals(generationOf(index))) {
			return "it was built from another database";
		}
		if (index.seq() > state.version()) {
			return "the database is older than the index (restored from a backup)";
		}
		if (index.seq() < state.prunedThrough()) {
			return "changes it has not seen are no longer listed";
		}
		if (index.rebuild() < state.rebuildRequested()) {
			return "a rebuild was asked for";
		}
		return null;
	}

	private static String generationOf(LuceneChunkIndex index) {
		return index.generation();
	}

	/** Applies the changes after the index's number; returns how many it applied. */
	private int catchUp(LuceneChunkIndex index) throws IOException {
		int applied = 0;
		while (!this.closed) {
			List<ChunkFeed.Change> changes = this.feed.changesAfter(index.seq(), CHANGE_BATCH);
			if (changes.isEmpty()) {
				return applied;
			}
			Set<UUID> papers = new LinkedHashSet<>();
			changes.forEach((change) -> papers.addAll(change.paperIds()));
			Map<UUID, List<IndexedChunk>> passages = this.feed.passages(papers, this.layout.vectors());
			for (UUID paper : papers) {
				index.replacePaper(paper, passages.getOrDefault(paper, List.of()));
			}
			index.applied(changes.getLast().seq());
			applied += changes.size();
		}
		return applied; // closed: the rest is caught up at the next start
	}

	private void openOrBuild() throws IOException {
		ChunkFeed.State state = this.feed.state();
		Path pointer = this.slot.resolve("current");
		if (Files.exists(pointer)) {
			Path folder = this.slot.resolve(Files.readString(pointer, StandardCharsets.UTF_8).strip());
			LuceneChunkIndex index = null;
			try {
				index = LuceneChunkIndex.open(folder, this.layout, state.generation());
				String stale = staleness(index, state);
				if (stale == null || stale.startsWith("a rebuild was asked")) {
					log.info("Search index: opened " + folder + " at change " + index.seq() + " of " + state.version());
					this.applying.lock();
					try {
						if (this.closed) {
							index.close();
							return;
						}
						catchUp(index);
						index.refresh();
						index.commit();
						// Under the lock, as close() takes it: never published after
						// close.
						publish(index);
						index = null;
					}
					finally {
						this.applying.unlock();
					}
					removeOtherFolders(folder);
					return;
				}
				log.info("Search index: " + folder + " cannot be used (" + stale + "); building a new one");
				index.close();
			}
			catch (LuceneChunkIndex.StaleIndexException ex) {
				log.info("Search index: " + ex.getMessage() + "; building a new one");
			}
			catch (IOException | RuntimeException ex) {
				// Corrupt or half written: derived data, built again from PostgreSQL.
				// One that opened but failed to catch up is closed first: its writer
				// holds the folder's lock.
				closeQuietly(index);
				log.warn("Search index: " + folder + " cannot be opened (" + ex + "); building a new one");
			}
		}
		buildAndSwap("no usable index");
	}

	private void startRebuild(String reason) {
		log.info("Search index: rebuilding, " + reason);
		this.rebuilder = Thread.ofPlatform().name("search-index-rebuild").daemon().start(() -> {
			try {
				buildAndSwap(reason);
			}
			catch (IOException | RuntimeException ex) {
				if (!this.closed) {
					log.error("Search index: the rebuild failed: " + ex.getMessage(), ex);
				}
			}
		});
	}

	/**
	 * Builds a new index from one snapshot, catches it up, commits it and makes it the
	 * one searches use; the old one is closed and removed.
	 */
	private synchronized void buildAndSwap(String reason) throws IOException {
		if (this.closed) {
			return;
		}
		ChunkFeed.State state = this.feed.state();
		Path folder = this.slot.resolve("index-" + System.currentTimeMillis());
		Build running = new Build(Instant.now(), this.feed.count(), reason);
		this.build = running;
		report(new Progress("started", 0, running.total, reason));
		LuceneChunkIndex fresh = LuceneChunkIndex.create(folder, this.layout, state.generation(),
				state.rebuildRequested());
		try {
			long seq = fill(fresh, running);
			fresh.applied(seq);
			// Before the swap, while the old index still answers: a search pays per
			// segment.
			report(new Progress("merging", running.done.get(), running.total, "merging segments"));
			stopIfClosed();
			fresh.compact();
			LuceneChunkIndex old;
			this.applying.lock();
			try {
				// close() has closed the index in use and is releasing the slot: this one
				// is not swapped in after it.
				stopIfClosed();
				catchUp(fresh);
				fresh.refresh();
				fresh.commit();
				Path pointer = this.slot.resolve("current");
				Path next = this.slot.resolve("current.next");
				Files.writeString(next, folder.getFileName().toString(), StandardCharsets.UTF_8);
				Files.move(next, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				old = this.current;
				publish(fresh);
				report(new Progress(Progress.APPLIED, 0, fresh.seq(), null));
				this.lastCommit = Instant.now();
			}
			finally {
				this.applying.unlock();
			}
			this.failure = null;
			Duration took = Duration.between(running.startedAt, Instant.now());
			log.info("Search index: built " + folder + " with " + fresh.count() + " passages in " + took.toMillis()
					+ " ms (" + reason + ")");
			report(new Progress("done", running.done.get(), running.total,
					fresh.count() + " passages in " + took.toMillis() + " ms"));
			retire(old, folder);
		}
		catch (IOException | RuntimeException ex) {
			this.failure = ex.getMessage();
			closeQuietly(fresh);
			deleteTree(folder);
			report(new Progress("failed", running.done.get(), running.total, ex.getMessage()));
			throw ex;
		}
		finally {
			this.build = null;
		}
	}

	/** Adds every passage of a snapshot, on the build threads; returns its number. */
	private long fill(LuceneChunkIndex fresh, Build running) throws IOException {
		int threads = Math.max(1, this.settings.buildThreads());
		BlockingQueue<List<IndexedChunk>> queue = new ArrayBlockingQueue<>(threads * 2);
		List<IndexedChunk> end = new ArrayList<>();
		List<Thread> workers = new ArrayList<>();
		List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean stopped = new AtomicBoolean();
		for (int i = 0; i < threads; i++) {
			workers.add(Thread.ofPlatform().name("search-index-build-" + i).daemon().start(() -> {
				try {
					while (true) {
						List<IndexedChunk> batch = queue.take();
						if (batch == end) {
							return;
						}
						if (!errors.isEmpty() || stopped.get()) {
							// Drained, so that the reader never waits on a full queue.
							continue;
						}
						try {
							fresh.add(batch);
						}
						catch (Throwable ex) {
							// Errors too (Lucene's assertions, out of memory): a worker
							// that ended here would leave the reader waiting for ever.
							errors.add(ex);
							continue;
						}
						long done = running.done.addAndGet(batch.size());
						running.report(done, this::report);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		long seq;
		boolean complete = false;
		try {
			seq = this.feed.everything(this.layout.vectors(), BUILD_BATCH, (batch) -> {
				if (!errors.isEmpty()) {
					// The worker's error is what the status reports, so it names the
					// cause.
					throw new VectorStoreException(errors.getFirst().getMessage(), errors.getFirst());
				}
				stopIfClosed();
				put(queue, batch);
			});
			complete = true;
		}
		finally {
			// The workers are stopped and gone before this returns, whatever happened:
			// the caller closes (rolls back) the index when the build failed, and Lucene
			// must not roll back a writer that other threads still add to. So interrupts
			// are held until they are (see stopAndJoin).
			if (!complete) {
				stopped.set(true);
				queue.clear();
			}
			stopAndJoin(queue, end, workers);
		}
		if (!errors.isEmpty()) {
			Throwable first = errors.getFirst();
			if (first instanceof IOException io) {
				throw io;
			}
			throw new VectorStoreException(first.getMessage(), first);
		}
		return seq;
	}

	/**
	 * Hands each worker the end of the queue and waits for all of them, holding an
	 * interrupt until they have stopped; the queue's other producer, the caller, is done.
	 */
	private static void stopAndJoin(BlockingQueue<List<IndexedChunk>> queue, List<IndexedChunk> end,
			List<Thread> workers) {
		boolean interrupted = Thread.interrupted();
		try {
			for (int i = 0; i < workers.size(); i++) {
				while (true) {
					try {
						queue.put(end);
						break;
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
			}
			for (Thread worker : workers) {
				while (true) {
					try {
						worker.join();
						break;
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void put(BlockingQueue<List<IndexedChunk>> queue, List<IndexedChunk> batch) {
		try {
			queue.put(batch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new VectorStoreException("interrupted while building the search index", ex);
		}
	}

	/**
	 * Closes the index searches used before, and removes its folder, once the searches
	 * that may have picked it up just before the swap are done (a few seconds later).
	 */
	private void retire(LuceneChunkIndex old, Path keep) {
		if (old == null) {
			removeOtherFolders(keep);
			return;
		}
		Thread.ofVirtual().name("search-index-retire").start(() -> {
			pause(RETIRE_AFTER);
			closeQuietly(old);
			// Only the retired index's own folder: by now a later rebuild may have made
			// another folder current, or be filling one.
			deleteTree(old.path());
		});
	}

	private void publish(LuceneChunkIndex index) {
		synchronized (this.readiness) {
			this.current = index;
			this.readiness.notifyAll();
		}
	}

	private void claimSlot() throws IOException {
		Files.createDirectories(this.settings.directory());
		for (int n = 1; n <= 64; n++) {
			Path candidate = this.settings.directory().resolve("slot-" + n);
			Files.createDirectories(candidate);
			FileChannel channel = FileChannel.open(candidate.resolve("slot.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			try {
				FileLock lock = channel.tryLock();
				if (lock != null) {
					this.slot = candidate;
					this.slotChannel = channel;
					this.slotLock = lock;
					log.info("Search index: using " + candidate);
					return;
				}
			}
			catch (OverlappingFileLockException ex) {
				// held by another index in this process
			}
			channel.close();
		}
		throw new IOException("all 64 slots are held by other processes");
	}

	private void removeOtherFolders(Path keep) {
		try (Stream<Path> entries = Files.list(this.slot)) {
			for (Path entry : entries.toList()) {
				if (Files.isDirectory(entry) && entry.getFileName().toString().startsWith("index-")
						&& !entry.equals(keep)) {
					deleteTree(entry);
				}
			}
		}
		catch (IOException ex) {
			log.warn("Search index: could not clean " + this.slot + ": " + ex.getMessage());
		}
	}

	private static void deleteTree(Path folder) {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			log.warn("Search index: could not remove " + folder + ": " + ex.getMessage());
		}
	}

	/**
	 * Tells the listener (events, the status endpoint); a listener that fails, such as
	 * one whose beans are being destroyed, never fails the index's work.
	 */
	private void report(Progress progress) {
		try {
			this.progress.accept(progress);
		}
		catch (RuntimeException ex) {
			log.warn("Search index: reporting " + progress.phase() + " failed: " + ex.getMessage());
		}
	}

	/** Ends a build that close() has overtaken. */
	private void stopIfClosed() {
		if (this.closed) {
			throw new VectorStoreException("the search index was closed during the build");
		}
	}

	private static void closeQuietly(LuceneChunkIndex index) {
		if (index == null) {
			return;
		}
		try {
			index.close();
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Search index: closing " + index.path() + " failed: " + ex.getMessage());
		}
	}

	/** Waits for the duration, or until close(). */
	private void pause(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		synchronized (this.wake) {
			while (!this.closed) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					return;
				}
				try {
					this.wake.wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/** Commits what was applied, stops following and releases the slot. */
	@Override
	public void close() {
		this.closed = true;
		synchronized (this.readiness) {
			this.readiness.notifyAll();
		}
		synchronized (this.wake) {
			this.wake.notifyAll();
		}
		// Not interrupted: an interrupt inside Lucene or the JDBC driver can leave the
		// writer or the connection unusable. Each stops at its next look at `closed`,
		// within a poll, a batch of changes or a build's batch; a merge under way is
		// waited for up to the deadline.
		long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
		boolean followerStopped = awaitEnd(this.follower, deadline);
		boolean stopped = awaitEnd(this.rebuilder, deadline) && followerStopped;
		boolean locked = false;
		try {
			locked = this.applying.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (locked) {
				LuceneChunkIndex index = this.current;
				this.current = null;
				if (index != null) {
					index.commitAndClose();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Search index: closing failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (locked) {
				this.applying.unlock();
			}
		}
		if (!stopped || !locked) {
			// Still at work after the deadline: the slot stays held, so that no other
			// index
			// of this process takes it and removes the folders being written.
			log.warn("Search index: still at work " + CLOSE_WAIT.toSeconds() + " s after close; " + this.slot
					+ " stays held until this process ends");
			return;
		}
		try {
			if (this.slotLock != null) {
				this.slotLock.release();
				this.slotChannel.close();
			}
		}
		catch (IOException ex) {
			log.warn("Search index: releasing " + this.slot + " failed: " + ex.getMessage());
		}
	}

	/** True when the thread (if any) has ended by the deadline. */
	private static boolean awaitEnd(Thread thread, long deadline) {
		if (thread == null) {
			return true;
		}
		try {
			return thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** A build under way. */
	private static final class Build {

		final Instant startedAt;

		final long total;

		final String reason;

		final AtomicLong done = new AtomicLong();

		private volatile long lastReport = System.nanoTime();

		Build(Instant startedAt, long total, String reason) {
			this.startedAt = startedAt;
			this.total = total;
			this.reason = reason;
		}

		void report(long done, Consumer<Progress> progress) {
			long now = System.nanoTime();
			if (now - this.lastReport >= TimeUnit.SECONDS.toNanos(2)) {
				this.lastReport = now;
				progress.accept(new Progress("progress", done, this.total, done + " of " + this.total + " passages"));
			}
		}

	}

}
