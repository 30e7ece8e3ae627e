package dev.thoth.pdfmonitor.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Scripts that answer {@code --version} and {@code --list-langs} like Tesseract 5 but
 * misbehave when asked to read a page: the broken installs the monitor must survive.
 */
public final class StandInTesseract {

	private static final String PROBES = """
			#!/bin/sh
			case "$1" in
			  --version) echo "tesseract 5.3.0"; echo " leptonica-1.82.0"; exit 0 ;;
			  --list-langs) echo 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (1):'; echo eng; exit 0 ;;
			esac
			""";

	private StandInTesseract() {
	}

	/**
	 * One that hangs on every page, in a child process whose id it writes to
	 * {@code sleeper.pid} beside the script.
	 */
	public static Path hanging(Path directory) throws IOException {
		return script(directory.resolve("hanging-tesseract"), PROBES + """
				sleep 600 &
				echo $! > "$(dirname "$0")/sleeper.pid"
				wait
				""");
	}

	/** One that fails on every page, as Tesseract does on an image it cannot read. */
	public static Path failing(Path directory) throws IOException {
		return script(directory.resolve("failing-tesseract"), PROBES + """
				echo "Error in pixReadStream: Unknown format: no pix returned" >&2
				exit 1
				""");
	}

	private static Path script(Path file, String text) throws IOException {
		Files.writeString(file, text);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
		return file;
	}

}
