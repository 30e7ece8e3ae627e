package dev.thoth.api.papers;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.undercouch.citeproc.bibtex.NameParser;
import de.undercouch.citeproc.csl.CSLItemData;
import de.undercouch.citeproc.csl.CSLItemDataBuilder;
import de.undercouch.citeproc.csl.CSLName;
import de.undercouch.citeproc.csl.CSLType;
import de.undercouch.citeproc.helper.json.StringJsonBuilderFactory;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXFormatter;
import org.jbibtex.Key;
import org.jbibtex.StringValue;

/**
 * Papers as bibliography files: BibTeX (written by jbibtex), RIS, and CSL-JSON (the items
 * citeproc-java formats styles from). Each paper gets one citation key, the same in every
 * format: the first author's surname, the year and the first word of the title.
 */
final class BibliographyFormats {

	private BibliographyFormats() {
	}

	/**
	 * Keys for the papers, unique within the list (a, b, … appended where they clash).
	 */
	static Map<BibliographicPaper, String> keys(List<BibliographicPaper> papers) {
		Map<String, Integer> used = new HashMap<>();
		Map<BibliographicPaper, String> keys = new LinkedHashMap<>();
		for (BibliographicPaper paper : papers) {
			String base = baseKey(paper);
			int seen = used.merge(base, 1, Integer::sum);
			keys.put(paper,
					(seen == 1) ? base : base + (char) ('a' + Math.min(seen - 2, 25)) + ((seen > 27) ? seen : ""));
		}
		return keys;
	}

	static String bibtex(List<BibliographicPaper> papers) {
		BibTeXDatabase database = new BibTeXDatabase();
		keys(papers).forEach((paper, key) -> {
			BibTeXEntry entry = new BibTeXEntry(
					(paper.venue() != null) ? BibTeXEntry.TYPE_ARTICLE : BibTeXEntry.TYPE_MISC, new Key(key));
			field(entry, BibTeXEntry.KEY_TITLE, paper.title());
			if (!paper.authors().isEmpty()) {
				field(entry, BibTeXEntry.KEY_AUTHOR, String.join(" and ", paper.authors()));
			}
			field(entry, BibTeXEntry.KEY_YEAR, (paper.year() != null) ? paper.year().toString() : null);
			field(entry, BibTeXEntry.KEY_JOURNAL, paper.venue());
			field(entry, BibTeXEntry.KEY_DOI, paper.doi());
			if (paper.arxivId() != null) {
				field(entry, new Key("eprint"), paper.arxivId());
				field(entry, new Key("archiveprefix"), "arXiv");
			}
			if (!paper.keywords().isEmpty()) {
				field(entry, new Key("keywords"), String.join(", ", paper.keywords()));
			}
			field(entry, new Key("abstract"), paper.abstractText());
			database.addObject(entry);
		});
		StringWriter out = new StringWriter();
		try {
			new BibTeXFormatter().format(database, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * RIS, the tagged format reference managers import. Written here: no maintained Java
	 * library writes it (citeproc-java only reads it), and it is one tag per line.
	 */
	static String ris(List<BibliographicPaper> papers) {
		StringBuilder out = new StringBuilder();
		keys(papers).forEach((paper, key) -> {
			ris(out, "TY", (paper.venue() != null) ? "JOUR" : "GEN");
			ris(out, "ID", key);
			ris(out, "TI", paper.title());
			paper.authors().forEach((author) -> ris(out, "AU", author));
			ris(out, "PY", (paper.year() != null) ? paper.year().toString() : null);
			ris(out, "T2", paper.venue());
			ris(out, "DO", paper.doi());
			ris(out, "UR", (paper.arxivId() != null) ? "https://arxiv.org/abs/" + paper.arxivId() : null);
			ris(out, "AB", paper.abstractText());
			paper.keywords().forEach((keyword) -> ris(out, "KW", keyword));
			out.append("ER  - \r\n\r\n");
		});
		return out.toString();
	}

	static String cslJson(List<BibliographicPaper> papers) {
		StringBuilder out = new StringBuilder("[");
		StringJsonBuilderFactory json = new StringJsonBuilderFactory();
		List<CSLItemData> items = cslItems(papers);
		for (int i = 0; i < items.size(); i++) {
			out.append((i == 0) ? "\n  " : ",\n  ").append(items.get(i).toJson(json.createJsonBuilder()));
		}
		return out.append(items.isEmpty() ? "]\n" : "\n]\n").toString();
	}

	/** The papers as CSL items, identified by their citation keys. */
	static List<CSLItemData> cslItems(List<BibliographicPaper> papers) {
		List<CSLItemData> items = new ArrayList<>();
		keys(papers).forEach((paper, key) -> {
			CSLItemDataBuilder item = new CSLItemDataBuilder().id(key)
				.type((paper.venue() != null) ? CSLType.ARTICLE_JOURNAL : CSLType.ARTICLE);
			if (paper.title() != null) {
				item.title(paper.title());
			}
			List<CSLName> names = new ArrayList<>();
			for (String author : paper.authors()) {
				try {
					names.addAll(List.of(NameParser.parse(author)));
				}
				catch (RuntimeException ex) {
					// A name the BibTeX name grammar cannot read is kept as printed.
					names.add(new de.undercouch.citeproc.csl.CSLNameBuilder().literal(author).build());
				}
			}
			if (!names.isEmpty()) {
				item.author(names.toArray(CSLName[]::new));
			}
			if (paper.year() != null) {
				item.issued(paper.year());
			}
			if (paper.venue() != null) {
				item.containerTitle(paper.venue());
			}
			if (paper.doi() != null) {
				item.DOI(paper.doi());
			}
			if (paper.arxivId() != null) {
				item.URL("https://arxiv.org/abs/" + paper.arxivId());
			}
			if (paper.abstractText() != null) {
				item.abstrct(paper.abstractText());
			}
			if (!paper.keywords().isEmpty()) {
				item.keyword(String.join(", ", paper.keywords()));
			}
			items.add(item.build());
		});
		return items;
	}

	private static void field(BibTeXEntry entry, Key key, String value) {
		if (value != null && !value.isBlank()) {
			entry.addField(key, new StringValue(latex(value), StringValue.Style.BRACED));
		}
	}

	/**
	 * LaTeX's special characters escaped, and braces balanced, so that no title can break
	 * the file (jbibtex writes values as given).
	 */
	static String latex(String value) {
		StringBuilder out = new StringBuilder();
		for (char c : value.replaceAll("\\s+", " ").strip().toCharArray()) {
			switch (c) {
				case '\\' -> out.append("\\textbackslash{}");
				case '{', '}', '&', '%', '$', '#', '_' -> out.append('\\').append(c);
				case '~' -> out.append("\\textasciitilde{}");
				case '^' -> out.append("\\textasciicircum{}");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	private static void ris(StringBuilder out, String tag, String value) {
		if (value != null && !value.isBlank()) {
			// One line per tag: line breaks inside a value would start a new tag.
			out.append(tag).append("  - ").append(value.replaceAll("\\s+", " ").strip()).append("\r\n");
		}
	}

	private static String baseKey(BibliographicPaper paper) {
		String surname = "anonymous";
		if (!paper.authors().isEmpty()) {
			String first = paper.authors().getFirst().strip();
			surname = first.contains(",") ? first.substring(0, first.indexOf(','))
					: first.substring(first.lastIndexOf(' ') + 1);
		}
		String word = "";
		if (paper.title() != null) {
			for (String candidate : paper.title().split("\\s+")) {
				if (candidate.length() > 3) {
					word = candidate;
					break;
				}
			}
		}
		String key = ascii(surname).toLowerCase(Locale.ROOT) + ((paper.year() != null) ? paper.year() : "")
				+ ascii(word).toLowerCase(Locale.ROOT);
		return key.isEmpty() ? "paper" : key;
	}

	private static String ascii(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9]", "");
	}

}
