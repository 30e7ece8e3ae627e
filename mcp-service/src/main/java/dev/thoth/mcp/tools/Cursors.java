package dev.thoth.mcp.tools;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors for lists that come in pages, as MCP paginates: a result's
 * {@code nextCursor}, passed back as {@code cursor}, continues the list.
 */
public final class Cursors {

	private static final String PREFIX = "thoth:";

	private Cursors() {
	}

	public static String encode(String position) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
	}

	/** The page a cursor continues at (0 without a cursor). */
	public static int page(String cursor) {
		String position = decode(cursor);
		if (position == null) {
			return 0;
		}
		try {
			int page = Integer.parseInt(position);
			if (page >= 0) {
				return page;
			}
		}
		catch (NumberFormatException ex) {
			// not a page cursor
		}
		throw invalid();
	}

	/** The next page's cursor, or null on the last page. */
	public static String next(int page, int totalPages) {
		return (page + 1 < totalPages) ? encode(String.valueOf(page + 1)) : null;
	}

	/**
	 * What the cursor holds, null without one; a cursor this server did not give is an
	 * argument error.
	 */
	public static String decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
			if (text.startsWith(PREFIX)) {
				return text.substring(PREFIX.length());
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64
		}
		throw invalid();
	}

	private static ToolArgumentException invalid() {
		return new ToolArgumentException("cursor",
				"not a cursor from this server; pass the nextCursor of the previous result, or leave it out to start");
	}

}
