package dev.thoth.api.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import dev.thoth.domain.workspace.SafeFileNames;
import dev.thoth.platform.config.ThothProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The workspace inbox the PDF monitor watches, as the API writes to it: an upload is
 * streamed to a hidden file ({@code .upload-<uuid>.pdf}, which the monitor ignores),
 * hashed while it is written and synced to disk, and only then given its real name, at
 * once and never over another file.
 */
@Component
class UploadInbox {

	private static final Log log = LogFactory.getLog(UploadInbox.class);

	static final String TEMPORARY_PREFIX = ".upload-";

	private static final byte[] SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	/** Where the signature must appear; readers accept a little junk before it. */
	private static final int SIGNATURE_WINDOW = 1024;

	/** A temporary file this old is left over from a crash, not an upload in progress. */
	private static final Duration ABANDONED = Duration.ofHours(6);

	/**
	 * An upload written to its temporary file.
	 *
	 * @param file the hidden temporary file
	 * @param sha256 the SHA-256 of its bytes
	 * @param size its length in bytes
	 */
	record Received(Path file, String sha256, long size) {
	}

	/** The body has no bytes at all. */
	static final class EmptyFileException extends IOException {

		EmptyFileException() {
			super("the file is empty (0 bytes)");
		}

	}

	/** The body does not start like a PDF. */
	static final class NotAPdfException extends IOException {

		NotAPdfException() {
			super("no %PDF- signature in the first " + SIGNATURE_WINDOW + " bytes");
		}

	}

	/** The body is larger than the limit. */
	static final class TooLargeException extends IOException {

		TooLargeException(long limit) {
			super("larger than " + limit + " bytes");
		}

	}

	private final Path inbox;

	UploadInbox(ThothProperties properties) {
		this.inbox = properties.workspaceDir().toAbsolutePath().normalize().resolve("inbox");
		try {
			Files.createDirectories(this.inbox);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the inbox " + this.inbox, ex);
		}
		removeAbandoned();
	}

	Path directory() {
		return this.inbox;
	}

	/**
	 * Writes the body to a temporary file in the inbox; nothing is left behind when it is
	 * empty, not a PDF, too large, or cannot be written.
	 */
	Received receive(InputStream body, long maxBytes) throws IOException {
		byte[] head = body.readNBytes(SIGNATURE_WINDOW);
		if (head.length == 0) {
			throw new EmptyFileException();
		}
		if (!containsSignature(head)) {
			throw new NotAPdfException();
		}
		MessageDigest digest = sha256();
		Path temporary = this.inbox.resolve(TEMPORARY_PREFIX + UUID.randomUUID() + ".pdf");
		long size = 0;
		try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			byte[] buffer = new byte[64 * 1024];
			int read = head.length;
			System.arraycopy(head, 0, buffer, 0, read);
			while (read != -1) {
				size += read;
				if (size > maxBytes) {
					throw new TooLargeException(maxBytes);
				}
				digest.update(buffer, 0, read);
				ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
				while (chunk.hasRemaining()) {
					out.write(chunk);
				}
				read = body.read(buffer);
			}
			// On disk before it gets a name the monitor will see.
			out.force(true);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		return new Received(temporary, HexFormat.of().formatHex(digest.digest()), size);
	}

	/**
	 * Gives the upload its name in the inbox: the client's name made safe, with -2, -3, …
	 * rather than replacing a file already there.
	 */
	Path keep(Received received, String readableName) throws IOException {
		Path kept = SafeFileNames.moveWithoutOverwriting(received.file(), this.inbox,
				SafeFileNames.withoutPdfExtension(readableName), ".pdf");
		syncDirectory();
		return kept;
	}

	void discard(Received received) {
		try {
			Files.deleteIfExists(received.file());
		}
		catch (IOException ex) {
			log.warn("Could not delete the temporary upload " + received.file() + ": " + ex.getMessage());
		}
	}

	static boolean containsSignature(byte[] head) {
		for (int i = 0; i + SIGNATURE.length <= head.length; i++) {
			if (Arrays.equals(head, i, i + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
				return true;
			}
		}
		return false;
	}

	private void syncDirectory() {
		// The new name survives a crash too; not every file system can sync a directory.
		try (FileChannel directory = FileChannel.open(this.inbox, StandardOpenOption.READ)) {
			directory.force(true);
		}
		catch (IOException | UnsupportedOperationException ex) {
			log.debug("Could not sync the inbox directory", ex);
		}
	}

	private void removeAbandoned() {
		Instant before = Instant.now().minus(ABANDONED);
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.inbox, TEMPORARY_PREFIX + "*")) {
			for (Path leftover : leftovers) {
				if (Files.getLastModifiedTime(leftover).toInstant().isBefore(before)) {
					Files.deleteIfExists(leftover);
					log.info("Removed the abandoned upload " + leftover);
				}
			}
		}
		catch (IOException ex) {
			log.warn("Could not look for abandoned uploads in " + this.inbox + ": " + ex.getMessage());
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
