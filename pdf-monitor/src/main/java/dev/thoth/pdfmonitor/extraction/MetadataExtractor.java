package dev.thoth.pdfmonitor.extraction;

import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

import dev.thoth.domain.papers.FieldSource;

/**
 * Extracts title, authors, year, DOI, arXiv id, venue, abstract and keywords from the
 * first page's layout (font size and position) and text, and falls back on the PDF's own
 * metadata, which is often junk ("Microsoft Word - report.doc", "p020-dutot.dvi") and is
 * ignored when it looks like it.
 */
public class MetadataExtractor {

	static final String LAYOUT = "layout";

	static final String TEXT = "text";

	static final String PDF_METADATA = "pdf-metadata";

	/** Fields read from a page whose text came from OCR. */
	static final String OCR = "ocr";

	/** OCR misreads letters, so its fields are trusted this much less. */
	private static final double OCR_CONFIDENCE = 0.8;

	private static final Pattern DOI = Pattern.compile("\\b(10\\.\\d{4,9}/[^\\s\"<>]+)");

	private static final Pattern ARXIV = Pattern.compile(
			"(?i)\\barxiv\\s*(?:e-?print)?\\s*:?\\s*((?:\\d{4}\\.\\d{4,5}|[a-z\\-]+(?:\\.[a-z]{2})?/\\d{7})(?:v\\d+)?)");

	/** arXiv's margin stamp: "arXiv:1504.06236v2 [cs.SI] 24 Apr 2015". */
	private static final Pattern ARXIV_STAMP = Pattern.compile(
			"(?i)arxiv\\s*:\\s*((?:\\d{4}\\.\\d{4,5}|[a-z\\-]+(?:\\.[a-z]{2})?/\\d{7})(?:v\\d+)?)\\s*(?:\\[[^\\]]*\\])?\\s*\\d{1,2}\\s*\\p{L}{3,9}\\.?\\s*((?:19|20)\\d\\d)");

	/** "Published 5 June 2017", "Published online: March 3, 2011". */
	private static final Pattern PUBLISHED = Pattern.compile(
			"(?i)\\b(?:published(?:\\s+online)?|available\\s+online|date\\s+of\\s+publication|publication\\s+date)\\s*:?\\s*(?:on\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?(?:\\p{L}{3,9}\\.?\\s+)?(?:\\d{1,2},?\\s+)?((?:19|20)\\d\\d)\\b");

	/**
	 * "Dhaka Univ. J. Pharm. Sci. 8(1): 7-10, 2009 (June)": journal, volume(issue):
	 * pages, year.
	 */
	private static final Pattern JOURNAL_CITATION = Pattern.compile(
			"^(\\p{Lu}[\\p{L}.&' ]{3,}?\\.?)\\s+\\d+\\s*\\(\\d+\\)\\s*:\\s*\\d+\\s*[-–]\\s*\\d+\\s*,\\s*((?:19|20)\\d\\d)\\b");

	/** A copyright line: its year is the copyright's, not the publication's. */
	private static final Pattern COPYRIGHT = Pattern
		.compile("(?i)(?:©|\\(c\\)|\\bcopyright\\b|(?:^|[.;]\\s*)c\\s+(?:19|20)\\d\\d\\b)");

	private static final Pattern YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)(?!\\d)");

	private static final Pattern ABSTRACT_LABEL = Pattern.compile("^(?:abstract|summary)\\b\\s*[.:\\-—–]?\\s*",
			Pattern.CASE_INSENSITIVE);

	/**
	 * The run-in label of a structured abstract's first part: "Background:",
	 * "Objectives.".
	 */
	private static final Pattern STRUCTURED_LABEL = Pattern.compile(
			"^(?:background|objectives?|aims?(?: and objectives?)?|purpose|context|introduction|motivation|rationale|importance)\\s*[.:]\\s*(?=\\p{Lu})",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern KEYWORDS_LABEL = Pattern
		.compile("^(?:key\\s*words|index terms|keywords)\\b\\s*[.:\\-—–]?\\s*", Pattern.CASE_INSENSITIVE);

	private static final Pattern SECTION_HEADING = Pattern.compile(
			"^(?:(?:\\d+(?:\\.\\d+)*\\.?|[IVX]+\\.)\\s+\\p{Lu}.*|introduction|categories and subject descriptors|general terms|pacs.*|ccs concepts.*|acm reference format.*)$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern JUNK_PDF_TITLE = Pattern.compile(
			"(?i)^(?:microsoft\\s+(?:word|powerpoint|excel)\\b.*|.*\\.(?:dvi|docx?|rtf|tex|pdf|ps|eps|indd|qxd|odt)$|untitled.*|title|document\\d*|slide\\s*\\d*|paper\\s*\\d*|main|template.*|\\d+|[\\w-]+\\.[\\w]{2,4})$");

	private static final Pattern JOURNAL_LINE = Pattern
		.compile("(?i)^(?:journal of|proceedings of|transactions on|annals of|letters in)\\b.*");

	/**
	 * "Journal of Cosmology and Astroparticle Physics 10 (2008) 003", "Z. Naturforsch. 54
	 * a, 272–273 (1999)".
	 */
	private static final Pattern CITATION_LINE = Pattern.compile(
			"^(\\p{Lu}[\\p{L}.&' ]+?\\.?)\\s+\\d+\\s*[a-z]?\\s*,?\\s*(?:\\d+\\s*[-–]\\s*\\d+\\s*)?\\(((?:19|20)\\d\\d)\\)");

	/** "SPAA’04, June 27–30, 2004, Barcelona, Spain." */
	private static final Pattern ACM_VENUE = Pattern.compile(
			"^(\\p{Lu}[\\p{Lu}\\p{L}-]*\\s?['’]\\d\\d),\\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\\b.*?((?:19|20)\\d\\d)");

	private static final Pattern EDITED_VENUE = Pattern.compile("\\(Eds?\\.\\)\\s*:\\s*(.+)$");

	private static final Pattern VENUE_WORDS = Pattern
		.compile("(?i)\\b(?:conference|workshop|symposium|proceedings|congress|colloquium|journal|transactions)\\b");

	private static final Pattern MONTH = Pattern.compile(
			"(?i)\\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\\b");

	public ExtractedMetadata extract(PDDocument document, ExtractedText text) {
		return extract(text, document.getDocumentInformation());
	}

	public ExtractedMetadata extract(ExtractedText text, PDDocumentInformation information) {
		Map<String, FieldSource> sources = new LinkedHashMap<>();
		List<LayoutLine> header = text.layout().stream().filter((line) -> line.page() == 1).toList();
		List<LayoutLine> page1 = text.linesOfPage(1);
		float height = (text.pageHeight() > 0) ? text.pageHeight() : 792;
		float bodySize = bodySize(page1);

		// title
		List<LayoutLine> titleLines = titleLines(header, height, bodySize);
		String title = null;
		if (!titleLines.isEmpty()) {
			title = cleanTitle(String.join(" ", titleLines.stream().map(LayoutLine::text).toList()));
			boolean larger = titleLines.get(0).fontSize() > bodySize * 1.15f;
			sources.put(ExtractedMetadata.TITLE, new FieldSource(LAYOUT, larger ? 0.85 : 0.5));
		}
		String pdfTitle = usablePdfTitle(information);
		if (title != null && pdfTitle != null && same(title, pdfTitle)) {
			sources.put(ExtractedMetadata.TITLE, new FieldSource(LAYOUT, 0.97));
		}
		else if (title == null && pdfTitle != null) {
			title = pdfTitle;
			sources.put(ExtractedMetadata.TITLE, new FieldSource(PDF_METADATA, 0.5));
		}

		// abstract (its position bounds the author search)
		int abstractIndex = abstractStart(page1);
		float titleBottom = titleLines.isEmpty() ? 0 : titleLines.get(titleLines.size() - 1).y();
		float authorLimit = (abstractIndex >= 0) ? page1.get(abstractIndex).y() : height * 0.6f;

		// authors
		List<String> authors = authors(header, titleLines, titleBottom, authorLimit);
		if (System.getProperty("dbg") != null)
			System.out.println("DBG titleBottom=" + titleBottom + " limit=" + authorLimit + " abs=" + abstractIndex
					+ " titleLines=" + titleLines);
		if (!authors.isEmpty()) {
			sources.put(ExtractedMetadata.AUTHORS, new FieldSource(LAYOUT, 0.8));
		}
		else {
			List<String> pdfAuthors = usablePdfAuthors(information);
			if (!pdfAuthors.isEmpty()) {
				authors = pdfAuthors;
				sources.put(ExtractedMetadata.AUTHORS, new FieldSource(PDF_METADATA, 0.4));
			}
		}
		if (!authors.isEmpty() && sources.get(ExtractedMetadata.AUTHORS).source().equals(LAYOUT)
				&& authors.equals(usablePdfAuthors(information))) {
			sources.put(ExtractedMetadata.AUTHORS, new FieldSource(LAYOUT, 0.97));
		}

		String abstractText = null;
		boolean labelledAbstract = abstractIndex >= 0;
		if (abstractIndex >= 0) {
			abstractText = abstractText(page1, abstractIndex, text);
		}
		else {
			// front matter (a thesis): an "Abstract" heading on one of the first pages
			for (int page = 2; page <= Math.min(12, text.pages().size()) && abstractText == null; page++) {
				List<LayoutLine> lines = text.linesOfPage(page);
				int heading = abstractHeading(lines);
				if (heading >= 0) {
					abstractText = abstractText(lines, heading, text);
					labelledAbstract = abstractText != null;
				}
			}
		}
		if (abstractText == null) {
			int start = unlabelledAbstract(page1, header, authors, titleBottom, height);
			if (start >= 0) {
				abstractText = abstractText(page1, start, text);
			}
		}
		if (abstractText != null) {
			abstractText = STRUCTURED_LABEL.matcher(abstractText).replaceFirst("");
			sources.put(ExtractedMetadata.ABSTRACT, new FieldSource(TEXT, labelledAbstract ? 0.85 : 0.5));
		}

		// keywords
		List<String> keywords = keywords(page1, text);
		if (!keywords.isEmpty()) {
			sources.put(ExtractedMetadata.KEYWORDS, new FieldSource(TEXT, 0.85));
		}

		// identifiers: on page 1, outside the reference list
		String firstPage = text.pages().isEmpty() ? "" : text.pages().get(0).text();
		String margin = text.marginOfPage(1);
		String doi = doi(firstPage);
		if (doi != null) {
			sources.put(ExtractedMetadata.DOI, new FieldSource(TEXT, 0.9));
		}
		else {
			doi = citeThisArticleDoi(text);
			if (doi != null) {
				sources.put(ExtractedMetadata.DOI, new FieldSource(TEXT, 0.8));
			}
		}
		String arxiv = null;
		Matcher arxivMatcher = ARXIV.matcher(firstPage);
		Matcher stamp = ARXIV_STAMP.matcher(margin);
		boolean stamped = stamp.find();
		if (arxivMatcher.find()) {
			arxiv = arxivMatcher.group(1);
			sources.put(ExtractedMetadata.ARXIV_ID, new FieldSource(TEXT, 0.9));
		}
		else if (stamped) {
			arxiv = stamp.group(1);
			sources.put(ExtractedMetadata.ARXIV_ID, new FieldSource(TEXT, 0.95));
		}

		// venue and year: only as printed; a PDF's creation date or a copyright line is
		// no publication year, and a paper that prints none has none
		Integer year = null;
		String venue = null;
		String[] venueAndYear = venueAndYear(text);
		if (venueAndYear[0] != null) {
			venue = venueAndYear[0];
			sources.put(ExtractedMetadata.VENUE, new FieldSource(TEXT, 0.75));
		}
		if (venueAndYear[1] != null) {
			year = Integer.valueOf(venueAndYear[1]);
			sources.put(ExtractedMetadata.YEAR, new FieldSource(TEXT, 0.85));
		}
		if (year == null) {
			Matcher published = PUBLISHED.matcher(firstPage);
			if (published.find()) {
				year = Integer.valueOf(published.group(1));
				sources.put(ExtractedMetadata.YEAR, new FieldSource(TEXT, 0.85));
			}
		}
		if (year == null && stamped) {
			year = Integer.valueOf(stamp.group(2));
			sources.put(ExtractedMetadata.YEAR, new FieldSource(TEXT, 0.8));
		}
		if (year == null) {
			year = headerYear(page1, abstractIndex, abstractText, information);
			if (year != null) {
				sources.put(ExtractedMetadata.YEAR, new FieldSource(TEXT, 0.55));
			}
		}
		if (text.ocrPages().contains(1)) {
			sources.replaceAll((field, source) -> source.source().equals(PDF_METADATA) ? source
					: new FieldSource(OCR, Math.round(source.confidence() * OCR_CONFIDENCE * 100) / 100.0));
		}
		return new ExtractedMetadata(title, authors, year, doi, arxiv, venue, abstractText, keywords, sources);
	}

	private static float bodySize(List<LayoutLine> lines) {
		Map<Float, Integer> counts = new HashMap<>();
		for (LayoutLine line : lines) {
			counts.merge(line.fontSize(), line.text().length(), Integer::sum);
		}
		return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(10f);
	}

	private static int letters(String text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isLetter(text.charAt(i))) {
				count++;
			}
		}
		return count;
	}

	private static boolean wordy(String text) {
		String compact = text.replace(" ", "");
		return letters(text) >= 4 && letters(text) >= 0.6 * compact.length();
	}

	private static boolean titleCandidate(LayoutLine line, float height) {
		String text = line.text();
		return line.y() < height * 0.6f && wordy(text) && !JOURNAL_LINE.matcher(text).matches() && !text.contains("@")
				&& !text.contains("://") && !text.toLowerCase(Locale.ROOT).startsWith("arxiv") && !text.startsWith("©")
				&& !ABSTRACT_LABEL.matcher(text).lookingAt() && !text.matches("^\\d+\\s+\\p{L}+$")
				&& !text.matches("^\\p{L}+\\s+\\d+$") && !CITATION_LINE.matcher(text).find()
				&& !VENUE_WORDS.matcher(text).find() && text.split("\\s+").length >= 2
				&& !Affiliations.isAffiliation(text) && !Affiliations.isLabel(text);
	}

	static List<LayoutLine> titleLines(List<LayoutLine> header, float height, float bodySize) {
		LayoutLine start = null;
		float max = 0;
		for (LayoutLine line : header) {
			if (titleCandidate(line, height) && line.fontSize() > max + 0.5f) {
				max = line.fontSize();
			}
		}
		boolean larger = max > bodySize * 1.15f;
		// Of lines set as large, a bold one is the title ("Pós-Graduação em Física" is
		// not).
		boolean anyBold = false;
		for (LayoutLine line : header) {
			anyBold |= larger && titleCandidate(line, height) && line.fontSize() >= max - 0.5f && line.bold();
		}
		for (LayoutLine line : header) {
			if (titleCandidate(line, height) && (!larger || line.fontSize() >= max - 0.5f)
					&& (!anyBold || line.bold())) {
				if (larger || Names.parseAuthorLine(line.text()) == null) {
					start = line;
					break;
				}
			}
		}
		List<LayoutLine> lines = new ArrayList<>();
		if (start == null) {
			return lines;
		}
		lines.add(start);
		LayoutLine last = start;
		for (LayoutLine line : header) {
			if (line.y() <= last.y() || line == start) {
				continue;
			}
			if (line.y() - last.y() > 1.7f * last.fontSize()) {
				break;
			}
			if (letters(line.text()) < 2) {
				continue; // a footnote mark on its own
			}
			boolean sameStyle = Math.abs(line.fontSize() - start.fontSize()) <= 0.6f && line.bold() == start.bold();
			boolean overlaps = line.x() < last.right() && line.right() > last.x();
			if (!overlaps && line.y() - last.y() < 0.5f * last.fontSize()) {
				continue; // beside the title line, in the other column
			}
			if (!sameStyle || !overlaps || (!larger && Names.parseAuthorLine(line.text()) != null)
					|| (!larger && line.column() != start.column())) {
				if (sameStyle && !overlaps) {
					continue; // a piece of the other column on the same row
				}
				break;
			}
			lines.add(line);
			last = line;
		}
		return lines;
	}

	private static String cleanTitle(String title) {
		String cleaned = TextCleaner.collapse(title).replaceAll("[\\s∗*†‡§¶⋆]+$", "").replaceAll("\\s*:$", "");
		return cleaned.isEmpty() ? null : cleaned;
	}

	private static boolean same(String a, String b) {
		return TextCleaner.comparable(a).equalsIgnoreCase(TextCleaner.comparable(b));
	}

	static String usablePdfTitle(PDDocumentInformation information) {
		if (information == null || information.getTitle() == null) {
			return null;
		}
		String title = TextCleaner.collapse(information.getTitle());
		if (title.length() < 8 || JUNK_PDF_TITLE.matcher(title).matches() || !title.contains(" ")) {
			return null;
		}
		return title;
	}

	static List<String> usablePdfAuthors(PDDocumentInformation information) {
		if (information == null || information.getAuthor() == null) {
			return List.of();
		}
		String author = TextCleaner.collapse(information.getAuthor());
		List<String> names = Names.parseAuthorLine(author);
		return (names != null) ? names : List.of();
	}

	private static List<String> authors(List<LayoutLine> header, List<LayoutLine> titleLines, float titleBottom,
			float limit) {
		List<String> authors = new ArrayList<>();
		for (LayoutLine line : header) {
			if (line.y() <= titleBottom || titleLines.contains(line)) {
				continue;
			}
			if (line.y() >= limit - 0.5f) {
				break;
			}
			List<String> names = Names.parseAuthorLine(line.text());
			if (names != null) {
				for (String name : names) {
					if (!authors.contains(name)) {
						authors.add(name);
					}
				}
			}
			else if (!authors.isEmpty() && sentence(line.text())) {
				break;
			}
		}
		return authors;
	}

	private static boolean sentence(String text) {
		String[] words = text.split("\\s+");
		int lower = 0;
		for (String word : words) {
			if (!word.isEmpty() && Character.isLowerCase(word.charAt(0))) {
				lower++;
			}
		}
		return words.length >= 6 && lower >= 3;
	}

	/** A line that is only an "Abstract" heading, alone on its line. */
	private static int abstractHeading(List<LayoutLine> lines) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).text().strip().matches("(?i)abstract|summary")) {
				return i;
			}
		}
		return -1;
	}

	private static int abstractStart(List<LayoutLine> page1) {
		for (int i = 0; i < page1.size(); i++) {
			if (ABSTRACT_LABEL.matcher(page1.get(i).text()).lookingAt()
					&& !page1.get(i).text().toLowerCase(Locale.ROOT).startsWith("abstracts")) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A paper without an "Abstract" label: the first paragraph of prose below the
	 * authors.
	 */
	private static int unlabelledAbstract(List<LayoutLine> page1, List<LayoutLine> header, List<String> authors,
			float titleBottom, float height) {
		float after = titleBottom;
		for (LayoutLine line : header) {
			if (line.y() > titleBottom && Names.parseAuthorLine(line.text()) != null) {
				after = Math.max(after, line.y());
			}
		}
		for (int i = 0; i < page1.size(); i++) {
			LayoutLine line = page1.get(i);
			if (line.y() > after && line.y() < height * 0.6f && sentence(line.text()) && !line.text().matches(".*\\d.*")
					&& Character.isUpperCase(line.text().charAt(0))) {
				return i;
			}
		}
		return -1;
	}

	private static String abstractText(List<LayoutLine> page1, int start, ExtractedText text) {
		LayoutLine first = page1.get(start);
		String firstText = first.text();
		Matcher label = ABSTRACT_LABEL.matcher(firstText);
		boolean labelled = label.lookingAt();
		List<String> lines = new ArrayList<>();
		String rest = labelled ? firstText.substring(label.end()) : firstText;
		float size = first.fontSize();
		if (!rest.isBlank()) {
			lines.add(rest);
		}
		LayoutLine previous = first;
		for (int i = start + 1; i < page1.size(); i++) {
			LayoutLine line = page1.get(i);
			String content = line.text();
			if (KEYWORDS_LABEL.matcher(content).lookingAt() || SECTION_HEADING.matcher(content).matches()
					|| content.startsWith("©") || content.startsWith("∗") || content.startsWith("*")) {
				break;
			}
			if (lines.isEmpty()) {
				size = line.fontSize(); // "ABSTRACT" on its own line: the text sets the
										// style
			}
			else {
				boolean sameColumn = line.column() == previous.column();
				float gap = line.y() - previous.y();
				if (Math.abs(line.fontSize() - size) > 1.1f || (sameColumn && (gap > 2.2f * size || gap < 0))
						|| (!sameColumn && line.bold())) {
					break;
				}
			}
			lines.add(content);
			previous = line;
		}
		String joined = TextCleaner.joinLines(lines, " ", TextExtractor.vocabulary(text.lines()));
		return joined.isBlank() ? null : joined;
	}

	private static List<String> keywords(List<LayoutLine> page1, ExtractedText text) {
		for (int i = 0; i < page1.size(); i++) {
			Matcher label = KEYWORDS_LABEL.matcher(page1.get(i).text());
			if (!label.lookingAt()) {
				continue;
			}
			List<String> lines = new ArrayList<>();
			String rest = page1.get(i).text().substring(label.end());
			if (!rest.isBlank()) {
				lines.add(rest);
			}
			LayoutLine previous = page1.get(i);
			for (int j = i + 1; j < page1.size() && j <= i + 4; j++) {
				LayoutLine line = page1.get(j);
				if (SECTION_HEADING.matcher(line.text()).matches() || line.y() - previous.y() > 2f * line.fontSize()
						|| line.y() < previous.y() || (lines.isEmpty() ? false : line.bold() != previous.bold())) {
					break;
				}
				lines.add(line.text());
				previous = line;
			}
			String joined = TextCleaner.joinLines(lines, " ", TextExtractor.vocabulary(text.lines()));
			List<String> keywords = new ArrayList<>();
			for (String keyword : joined.split("\\s*[,;·•]\\s*|\\s+-\\s+")) {
				String cleaned = keyword.strip().replaceAll("\\.$", "");
				if (!cleaned.isEmpty()) {
					keywords.add(cleaned);
				}
			}
			return keywords;
		}
		return List.of();
	}

	/**
	 * The paper's own DOI where a publisher prints it only at the end, by the "Cite this
	 * article as" box (BioMed Central, Springer Open): the labelled DOI just before or
	 * after that line, never one from the reference list.
	 */
	static String citeThisArticleDoi(ExtractedText text) {
		for (int page = text.pages().size(); page >= 1 && page > text.pages().size() - 3; page--) {
			String pageText = TextCleaner.collapse(text.pages().get(page - 1).text());
			Matcher cite = CITE_THIS_ARTICLE.matcher(pageText);
			if (cite.find()) {
				String near = pageText.substring(Math.max(0, cite.start() - 120),
						Math.min(pageText.length(), cite.end() + 400));
				Matcher labelled = LABELLED_DOI.matcher(near);
				if (labelled.find()) {
					return doi(labelled.group());
				}
			}
		}
		return null;
	}

	private static final Pattern CITE_THIS_ARTICLE = Pattern
		.compile("(?i)(?:please\\s+)?cite\\s+this\\s+article(?:\\s+as)?");

	private static final Pattern LABELLED_DOI = Pattern.compile("(?i)(?:doi:?\\s*|doi\\.org/)10\\.\\d{4,9}/\\S+");

	static String doi(String text) {
		Matcher matcher = DOI.matcher(text);
		if (!matcher.find()) {
			return null;
		}
		String doi = matcher.group(1).replaceAll("[.,;:)\\]]+$", "");
		return doi;
	}

	/**
	 * Venue and year from a printed citation line, ACM copyright box or proceedings line.
	 */
	static String[] venueAndYear(ExtractedText text) {
		List<LayoutLine> page1 = text.linesOfPage(1);
		// a running citation footer ("Journal … 10 (2008) 003") or a citation line on
		// page 1
		for (LayoutLine line : text.lines()) {
			if (line.page() > 3) {
				break;
			}
			Matcher citation = CITATION_LINE.matcher(line.text());
			if (citation.find() && letters(citation.group(1)) >= 4) {
				return new String[] { citation.group(1).strip(), citation.group(2) };
			}
		}
		for (LayoutLine line : page1) {
			Matcher journal = JOURNAL_CITATION.matcher(line.text());
			if (journal.find() && letters(journal.group(1)) >= 4) {
				return new String[] { journal.group(1).strip(), journal.group(2) };
			}
		}
		for (LayoutLine line : page1) {
			Matcher acm = ACM_VENUE.matcher(line.text());
			if (acm.find()) {
				return new String[] { acm.group(1), acm.group(2) };
			}
			Matcher edited = EDITED_VENUE.matcher(line.text());
			if (edited.find()) {
				String venue = leadingVenueParts(edited.group(1));
				if (venue != null) {
					Matcher year = YEAR.matcher(venue);
					return new String[] { venue, year.find() ? year.group(1) : null };
				}
			}
		}
		for (int i = 0; i < page1.size(); i++) {
			LayoutLine line = page1.get(i);
			String content = line.text();
			if (line.y() < text.pageHeight() * 0.15f || line.y() > text.pageHeight() * 0.85f) {
				Matcher venueWords = VENUE_WORDS.matcher(content);
				if (venueWords.find() && !content.contains("©") && content.split("\\s+").length <= 14
						&& !sentence(content.replaceAll("\\b(?:on|of|and|in|for|the)\\b", ""))) {
					// without its pages: "Proceedings of …, pages 624–633"
					String venue = content.replaceAll("\\s*\\(.*$", "")
						.replaceAll(",?\\s*pages?\\s+\\d.*$", "")
						.replaceAll("[.,;]$", "")
						.strip();
					return new String[] { venue, footnoteYear(page1, i) };
				}
			}
		}
		return new String[] { null, null };
	}

	/**
	 * The year printed in a venue footnote, on its line or the next two of its block
	 * ("Proceedings of the 30th VLDB Conference," / "Toronto, Canada, 2004"), before any
	 * copyright notice.
	 */
	private static String footnoteYear(List<LayoutLine> page1, int index) {
		LayoutLine previous = page1.get(index);
		for (int i = index; i < page1.size() && i <= index + 2; i++) {
			LayoutLine line = page1.get(i);
			if (i > index && (line.column() != previous.column() || line.y() < previous.y()
					|| line.y() - previous.y() > 1.6f * previous.fontSize()
					|| Math.abs(line.fontSize() - previous.fontSize()) > 0.6f)) {
				break;
			}
			String content = line.text();
			Matcher copyright = COPYRIGHT.matcher(content);
			if (copyright.find()) {
				content = content.substring(0, copyright.start());
			}
			Matcher year = YEAR.matcher(content);
			if (year.find()) {
				return year.group(1);
			}
			previous = line;
		}
		return null;
	}

	private static String leadingVenueParts(String text) {
		List<String> kept = new ArrayList<>();
		for (String part : text.split("\\s*,\\s*")) {
			if (MONTH.matcher(part).find()) {
				break;
			}
			if (VENUE_WORDS.matcher(part).find() || (YEAR.matcher(part).find() && !part.matches("^\\d.*\\d$"))) {
				kept.add(part.strip());
			}
			else {
				break;
			}
		}
		return kept.isEmpty() ? null : String.join(", ", kept);
	}

	/**
	 * The latest year printed above the body (title to abstract), no later than the file.
	 */
	private static Integer headerYear(List<LayoutLine> page1, int abstractIndex, String abstractText,
			PDDocumentInformation information) {
		int limit = Integer.MAX_VALUE;
		Calendar created = (information != null) ? information.getCreationDate() : null;
		if (created != null) {
			limit = created.get(Calendar.YEAR);
		}
		StringBuilder region = new StringBuilder();
		int end = (abstractIndex >= 0) ? abstractIndex : Math.min(page1.size(), 12);
		for (int i = 0; i < end; i++) {
			if (!COPYRIGHT.matcher(page1.get(i).text()).find()) {
				region.append(page1.get(i).text()).append('\n');
			}
		}
		if (abstractText != null) {
			region.append(abstractText);
		}
		Integer best = null;
		Matcher year = YEAR.matcher(region);
		while (year.find()) {
			int value = Integer.parseInt(year.group(1));
			if (value <= limit && (best == null || value > best)) {
				best = value;
			}
		}
		return best;
	}

}
