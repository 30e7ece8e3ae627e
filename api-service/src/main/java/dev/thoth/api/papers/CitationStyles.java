package dev.thoth.api.papers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.undercouch.citeproc.CSL;
import de.undercouch.citeproc.ListItemDataProvider;
import de.undercouch.citeproc.csl.CSLItemData;
import de.undercouch.citeproc.output.Bibliography;

import dev.thoth.api.web.InvalidFieldException;

/**
 * Formats papers in a citation style with citeproc-java, from the styles and locales of
 * the Citation Style Language project (shipped in the jar): the common names (apa, ieee,
 * mla, chicago, harvard, vancouver) and any style id of the CSL repository, dependent
 * styles (journals that use another's format) included.
 */
final class CitationStyles {

	/** The names people use, for the CSL ids of those styles. */
	static final Map<String, String> ALIASES = Map.of("mla", "modern-language-association", "chicago",
			"chicago-author-date", "harvard", "harvard-cite-them-right", "vancouver", "elsevier-vancouver", "nature",
			"nature", "apa", "apa", "ieee", "ieee");

	private static final Pattern STYLE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,119}");

	private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?");

	private static final Pattern PARENT = Pattern
		.compile("<link[^>]*href=\"[^\"]*/styles/([a-z0-9-]+)\"[^>]*rel=\"independent-parent\"|"
				+ "<link[^>]*rel=\"independent-parent\"[^>]*href=\"[^\"]*/styles/([a-z0-9-]+)\"");

	private CitationStyles() {
	}

	/** A formatted bibliography: the style used and, per item id, its entry. */
	record Formatted(String style, String locale, List<String> ids, List<String> entries) {
	}

	/**
	 * The CSL id for a style name or id; a 400 naming {@code style} when there is none.
	 */
	static String resolve(String style) {
		String name = style.strip().toLowerCase(java.util.Locale.ROOT);
		String id = ALIASES.getOrDefault(name, name);
		if (!STYLE_ID.matcher(id).matches()) {
			throw new InvalidFieldException("style",
					"must be apa, ieee, mla, chicago, harvard, vancouver or a CSL style id such as nature");
		}
		if (exists("/" + id + ".csl")) {
			return id;
		}
		return parentOf(id).orElseThrow(() -> new InvalidFieldException("style", "no CSL style '" + id
				+ "'; use apa, ieee, mla, chicago, harvard, vancouver or an id from the CSL style repository"));
	}

	static String locale(String locale) {
		if (locale == null || locale.isBlank()) {
			return "en-US";
		}
		if (!LOCALE.matcher(locale.strip()).matches() || !exists("/locales-" + locale.strip() + ".xml")) {
			throw new InvalidFieldException("locale", "must be a CSL locale such as en-US, en-GB, de-DE or fr-FR");
		}
		return locale.strip();
	}

	static Formatted format(String styleId, String locale, List<CSLItemData> items, String output) {
		try {
			CSL csl = new CSL(new ListItemDataProvider(items), styleId, locale);
			csl.setOutputFormat(output);
			csl.registerCitationItems(items.stream().map(CSLItemData::getId).toList());
			// citeproc-java leaves the entries' ids out of the bibliography; the filter
			// sees the
			// items in the order the style sorts them, which is the entries' order.
			List<String> ids = new java.util.ArrayList<>();
			Bibliography bibliography = csl.makeBibliography((item) -> ids.add(item.getId()));
			List<String> entries = List.of(bibliography.getEntries()).stream().map(String::strip).toList();
			return new Formatted(styleId, locale,
					(ids.size() == entries.size()) ? ids : java.util.Collections.nCopies(entries.size(), null),
					entries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the CSL style " + styleId + " could not be read", ex);
		}
	}

	/** A dependent style (a journal using another's format) names its parent. */
	private static Optional<String> parentOf(String id) {
		try (InputStream in = CitationStyles.class.getResourceAsStream("/dependent/" + id + ".csl")) {
			if (in == null) {
				return Optional.empty();
			}
			Matcher parent = PARENT.matcher(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
			if (!parent.find()) {
				return Optional.empty();
			}
			String parentId = (parent.group(1) != null) ? parent.group(1) : parent.group(2);
			return exists("/" + parentId + ".csl") ? Optional.of(parentId) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean exists(String resource) {
		return CitationStyles.class.getResource(resource) != null;
	}

}
