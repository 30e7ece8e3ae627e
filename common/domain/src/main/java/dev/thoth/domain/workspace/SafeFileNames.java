package dev.thoth.domain.workspace;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.Locale;

/**
 * File names Thoth writes: derived from untrusted text (a title, an upload's name), so
 * reduced to safe characters, kept short, and never allowed to replace an existing file.
 */
public final class SafeFileNames {

	private static final int MAX_STEM = 120;

	/** Longer names than this are cut: no file system or log line needs more. */
	private static final int MAX_READABLE = 255;

	private SafeFileNames() {
	}

	/** A name made only of letters, digits, '-', '_' and '.', with no path in it. */
	public static String sanitize(String untrusted, String fallback) {
		String name = (untrusted != null) ? untrusted : "";
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		name = name.substring(slash + 1);
		name = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
		name = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-").replaceAll("^[-.]+|[-.]+$", "");
		if (name.length() > MAX_STEM) {
			name = name.substring(0, MAX_STEM);
		}
		return name.isEmpty() ? fallback : name;
	}

	/**
	 * A name as a person reads it (an upload's own name, shown in jobs and used to name
	 * the file): no folders, no control or invisible formatting characters (NUL, line
	 * breaks, bidirectional overrides), at most 255 characters; letters of any script are
	 * kept. It is never used as a path as it is: {@link #sanitize} makes the file name.
	 */
	public static String readable(String untrusted, String fallback) {
		String name = (untrusted != null) ? untrusted : "";
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		name = name.substring(slash + 1);
		name = name.replaceAll("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]+", "").strip();
		if (name.codePointCount(0, name.length()) > MAX_READABLE) {
			name = name.substring(0, name.offsetByCodePoints(0, MAX_READABLE)).strip();
		}
		return (name.isEmpty() || name.equals(".") || name.equals("..")) ? fallback : name;
	}

	/** A file name without its ".pdf" extension, in any case. */
	public static String withoutPdfExtension(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4) : name;
	}

	/**
	 * Moves {@code source} into {@code directory} under {@code name} (and the extension
	 * given), adding -2, -3, … rather than replacing a file that is already there.
	 */
	public static Path moveWithoutOverwriting(Path source, Path directory, String stem, String extension)
			throws IOException {
		String safeStem = sanitize(stem, "file");
		for (int attempt = 1; attempt <= 10_000; attempt++) {
			String suffix = (attempt == 1) ? "" : "-" + attempt;
			Path target = directory.resolve(safeStem + suffix + extension.toLowerCase(Locale.ROOT));
			try {
				// A hard link is created only if the name is free (rename would replace),
				// then
				// the original name goes; across file systems, a copy that refuses to
				// replace.
				try {
					Files.createLink(target, source);
				}
				catch (UnsupportedOperationException | java.nio.file.FileSystemException ex) {
					if (ex instanceof FileAlreadyExistsException exists) {
						throw exists;
					}
					Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
				}
				Files.delete(source);
				return target;
			}
			catch (FileAlreadyExistsException ex) {
				// try the next suffix
			}
		}
		throw new IOException("no free name for " + safeStem + " in " + directory);
	}

}
