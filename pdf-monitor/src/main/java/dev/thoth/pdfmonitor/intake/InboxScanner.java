package dev.thoth.pdfmonitor.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import dev.thoth.pdfmonitor.PdfMonitorProperties;
import dev.thoth.pdfmonitor.jobs.IngestWorkers;
import dev.thoth.pdfmonitor.jobs.JobQueue;
import dev.thoth.pdfmonitor.workspace.Workspace;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Finds new files in the inbox: a file-system watch for speed plus a periodic scan for
 * what a watch misses (events lost, files present at start, network file systems). A file
 * is queued, by the SHA-256 of its content, only once its size and modification time have
 * stopped changing.
 */
@Component
public class InboxScanner implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(InboxScanner.class);

	/** Names of files still being written by a browser, a copy tool or an editor. */
	private static final Set<String> PARTIAL_SUFFIXES = Set.of(".part", ".crdownload", ".tmp", ".download", ".partial");

	/** What a file looked like when last seen, and its hash once it has settled. */
	private record Observation(long size, Instant modified, Instant since, String hash) {
	}

	private final Workspace workspace;

	private final JobQueue queue;

	private final IngestWorkers workers;

	private final PdfMonitorProperties properties;

	private final TaskScheduler scheduler;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Map<Path, Observation> observed = new ConcurrentHashMap<>();

	private final Set<Path> queued = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private ScheduledFuture<?> periodicScan;

	private WatchService watcher;

	InboxScanner(Workspace workspace, JobQueue queue, IngestWorkers workers, PdfMonitorProperties properties,
			TaskScheduler scheduler, MeterRegistry meters) {
		this.workspace = workspace;
		this.queue = queue;
		this.workers = workers;
		this.properties = properties;
		this.scheduler = scheduler;
		this.meters = meters;
		this.clock = Clock.systemUTC();
	}

	@Override
	public void start() {
		this.running = true;
		this.periodicScan = this.scheduler.scheduleWithFixedDelay(this::scan, this.properties.scanInterval());
		try {
			this.watcher = this.workspace.inbox().getFileSystem().newWatchService();
			this.workspace.inbox()
				.register(this.watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
						StandardWatchEventKinds.OVERFLOW);
			Thread.ofVirtual().name("inbox-watch").start(this::watch);
		}
		catch (IOException ex) {
			log.warn("No file-system watch on " + this.workspace.inbox() + " (" + ex.getMessage()
					+ "); the periodic scan still finds new files");
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.periodicScan != null) {
			this.periodicScan.cancel(false);
		}
		if (this.watcher != null) {
			try {
				this.watcher.close();
			}
			catch (IOException ex) {
				log.debug("Closing the inbox watch failed", ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void watch() {
		try {
			while (this.running) {
				var key = this.watcher.take();
				key.pollEvents();
				key.reset();
				// A file just appeared or grew: look again once it may have settled.
				this.scheduler.schedule(this::scan, Instant.now().plus(this.properties.stableFor()));
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			// stopping
		}
	}

	/**
	 * One pass over the inbox; safe to run concurrently with itself and other replicas.
	 */
	public synchronized void scan() {
		Set<Path> present = new HashSet<>();
		boolean added = false;
		boolean settling = false;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.workspace.inbox())) {
			for (Path file : files) {
				present.add(file);
				Outcome outcome = consider(file);
				added |= outcome == Outcome.QUEUED;
				settling |= outcome == Outcome.SETTLING;
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Scanning the inbox failed: " + ex.getMessage());
		}
		this.observed.keySet().retainAll(present);
		this.queued.retainAll(present);
		if (added) {
			this.workers.wakeUp();
		}
		if (settling && this.running) {
			// Look again as soon as the file may have settled, not at the next periodic
			// scan: this is most of the wait between a drop and its processing.
			this.scheduler.schedule(this::scan, Instant.now().plus(this.properties.stableFor()).plusMillis(50));
		}
	}

	private enum Outcome {

		IGNORED, SETTLING, QUEUED

	}

	private Outcome consider(Path file) throws IOException {
		String name = file.getFileName().toString();
		if (name.startsWith(".") || PARTIAL_SUFFIXES.stream().anyMatch(name.toLowerCase(Locale.ROOT)::endsWith)) {
			return Outcome.IGNORED;
		}
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (java.nio.file.NoSuchFileException ex) {
			return Outcome.IGNORED;
		}
		if (!attributes.isRegularFile() || this.queued.contains(file)) {
			return Outcome.IGNORED;
		}
		Instant now = this.clock.instant();
		Observation last = this.observed.get(file);
		Instant modified = attributes.lastModifiedTime().toInstant();
		if (last == null) {
			// Unchanged since its modification time: a file last written longer than
			// stable-for ago (moved in whole, or there at start) is taken at once.
			last = new Observation(attributes.size(), modified, modified.isBefore(now) ? modified : now, null);
			this.observed.put(file, last);
		}
		else if (last.size() != attributes.size() || !last.modified().equals(modified)) {
			this.observed.put(file, new Observation(attributes.size(), modified, now, null));
			return Outcome.SETTLING;
		}
		if (last.since().plus(this.properties.stableFor()).isAfter(now)) {
			return Outcome.SETTLING;
		}
		String hash = last.hash();
		if (hash == null) {
			this.meters.counter("thoth.pdf.files.seen").increment();
			hash = sha256(file);
			this.observed.put(file, new Observation(last.size(), last.modified(), last.since(), hash));
		}
		// Refused while the same content is being processed (another copy, another
		// replica): tried again on the next scan, when it resolves to the same paper.
		boolean added = this.queue.enqueue(hash, file.toAbsolutePath().toString(), name);
		if (added) {
			this.queued.add(file);
		}
		return added ? Outcome.QUEUED : Outcome.IGNORED;
	}

	static String sha256(Path file) throws IOException {
		try (InputStream input = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			for (int read = input.read(buffer); read != -1; read = input.read(buffer)) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
