package dev.thoth.pdfmonitor.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.thoth.platform.config.ThothProperties;

import org.springframework.stereotype.Component;

/**
 * The workspace folders: {@code inbox/} (watched), {@code papers/} (processed PDFs, never
 * overwritten), {@code notes/}, and {@code quarantine/} (bad files with their reason).
 */
@Component
public class Workspace {

	private final Path inbox;

	private final Path papers;

	private final Path notes;

	private final Path quarantine;

	public Workspace(ThothProperties properties) {
		Path root = properties.workspaceDir().toAbsolutePath().normalize();
		this.inbox = create(root.resolve("inbox"));
		this.papers = create(root.resolve("papers"));
		this.notes = create(root.resolve("notes"));
		this.quarantine = create(root.resolve("quarantine"));
	}

	private static Path create(Path directory) {
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create workspace folder " + directory, ex);
		}
	}

	public Path inbox() {
		return this.inbox;
	}

	public Path papers() {
		return this.papers;
	}

	public Path notes() {
		return this.notes;
	}

	public Path quarantine() {
		return this.quarantine;
	}

}
