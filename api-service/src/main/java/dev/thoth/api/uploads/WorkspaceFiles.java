package dev.thoth.api.uploads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

import dev.thoth.api.web.InvalidFieldException;
import dev.thoth.platform.config.ThothProperties;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * PDFs a client names by their path in the workspace. The path must stay inside the
 * workspace however it is written ({@code ..}, an absolute path, a link that points out)
 * and name a visible {@code .pdf} file; anything else is refused before a byte is read.
 */
@Component
class WorkspaceFiles {

	private final Path root;

	WorkspaceFiles(ThothProperties properties) {
		this.root = properties.workspaceDir().toAbsolutePath().normalize();
	}

	/** The file, checked; a 400 or 404 naming {@code path} otherwise. */
	Path pdf(String relative) {
		String path = relative.strip();
		if (path.indexOf('\u0000') >= 0 || path.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidFieldException("path", "must not contain control characters");
		}
		Path candidate;
		try {
			Path given = Path.of(path);
			if (given.isAbsolute() || path.startsWith("/") || path.startsWith("\\")) {
				throw new InvalidFieldException("path",
						"must be relative to the workspace folder, such as incoming/paper.pdf");
			}
			candidate = this.root.resolve(given).normalize();
		}
		catch (InvalidPathException ex) {
			throw new InvalidFieldException("path", "is not a valid file path");
		}
		if (!candidate.startsWith(this.root) || candidate.equals(this.root)) {
			throw new InvalidFieldException("path", "must name a file inside the workspace folder");
		}
		for (Path part : this.root.relativize(candidate)) {
			if (part.toString().startsWith(".")) {
				throw new InvalidFieldException("path", "must not name a hidden file or folder");
			}
		}
		if (!candidate.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
			throw new InvalidFieldException("path", "must name a .pdf file");
		}
		if (!Files.isRegularFile(candidate)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No file " + path + " in the workspace.");
		}
		try {
			// Links are followed only while they stay inside the workspace.
			Path real = candidate.toRealPath();
			if (!real.startsWith(this.root.toRealPath()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
				throw new InvalidFieldException("path", "must name a file inside the workspace folder");
			}
			return real;
		}
		catch (IOException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No file " + path + " in the workspace.");
		}
	}

}
