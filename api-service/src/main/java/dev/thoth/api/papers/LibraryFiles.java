package dev.thoth.api.papers;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import dev.thoth.platform.config.ThothProperties;

import org.springframework.stereotype.Component;

/**
 * The workspace folders the API reads and changes: {@code papers/} (stored PDFs),
 * {@code notes/} and {@code trash/}, where removed papers' files go instead of being
 * deleted. A path stored in the database is trusted only when it really lies inside the
 * expected folder (symbolic links resolved), so no row can make the API serve or move
 * another file.
 */
@Component
class LibraryFiles {

	/** Gives up finding a free name in the trash after this many tries. */
	private static final int MAX_NAME_ATTEMPTS = 10_000;

	private final Path papers;

	private final Path notes;

	private final Path trash;

	LibraryFiles(ThothProperties properties) {
		Path root = properties.workspaceDir().toAbsolutePath().normalize();
		this.papers = root.resolve("papers");
		this.notes = root.resolve("notes");
		this.trash = root.resolve("trash");
	}

	/** The stored PDF, when the path names a regular file inside {@code papers/}. */
	Optional<Path> storedPdf(String path) {
		return inside(this.papers, path);
	}

	/** The note, when the path names a regular file inside {@code notes/}. */
	Optional<Path> note(String path) {
		return inside(this.notes, path);
	}

	Path trash() {
		return this.trash;
	}

	/**
	 * Moves the file into {@code trash/} under its own name, or under a numbered variant
	 * of it when that name is taken: nothing in the trash is ever overwritten.
	 * @return where the file is now
	 */
	Path moveToTrash(Path file) throws IOException {
		Files.createDirectories(this.trash);
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = (dot > 0) ? name.substring(0, dot) : name;
		String extension = (dot > 0) ? name.substring(dot) : "";
		for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
			Path target = this.trash.resolve((attempt == 0) ? name : stem + "-" + attempt + extension);
			try {
				// Creating the target first claims the name atomically (O_EXCL); the move
				// then replaces only this empty placeholder.
				Files.createFile(target);
			}
			catch (FileAlreadyExistsException taken) {
				continue;
			}
			try {
				return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				Files.deleteIfExists(target);
				throw ex;
			}
		}
		throw new IOException("no free name for " + name + " in " + this.trash);
	}

	/** Puts a trashed file back where it was, when removing its paper failed. */
	void restore(Path trashed, Path original) throws IOException {
		Files.move(trashed, original);
	}

	private static Optional<Path> inside(Path folder, String path) {
		if (path == null || path.isBlank()) {
			return Optional.empty();
		}
		try {
			Path file = Path.of(path);
			if (!file.isAbsolute() || !Files.isRegularFile(file) || !Files.isDirectory(folder)) {
				return Optional.empty();
			}
			Path real = file.toRealPath();
			Path realFolder = folder.toRealPath();
			if (!real.startsWith(realFolder) || real.equals(realFolder)
					|| !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
				return Optional.empty();
			}
			return Optional.of(real);
		}
		catch (InvalidPathException | IOException ex) {
			return Optional.empty();
		}
	}

}
