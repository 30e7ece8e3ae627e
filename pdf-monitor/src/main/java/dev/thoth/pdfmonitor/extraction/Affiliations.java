package dev.thoth.pdfmonitor.extraction;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises what surrounds the authors of a paper and is never one: institutions,
 * departments, addresses, countries, e-mail addresses, degree and document-type labels
 * ("Dissertação de Mestrado", "Research Article"). General words in the languages papers
 * are commonly written in, no list of particular papers or publishers.
 */
final class Affiliations {

	/** Words that make a line an institution, a unit of one, or a place. */
	private static final Set<String> INSTITUTION_WORDS = Set.of("university", "universität", "universitat",
			"université", "universite", "universidad", "universidade", "università", "universita", "universiteit",
			"uniwersytet", "univ", "college", "institute", "institut", "instituto", "istituto", "department",
			"departement", "département", "dept", "departamento", "dipartimento", "faculty", "faculté", "facultad",
			"faculdade", "fakultät", "school", "escola", "escuela", "laboratory", "laboratories", "laboratoire",
			"laboratorio", "laboratório", "lab", "labs", "centre", "center", "centro", "zentrum", "hospital", "hôpital",
			"clinic", "klinik", "foundation", "fundação", "fundación", "academy", "akademie", "ministry", "agency",
			"council", "corporation", "inc", "ltd", "gmbh", "llc", "company", "division", "program", "programme",
			"group", "forschungszentrum", "research", "sciences", "polytechnic", "politecnico", "technische",
			"hochschule", "observatory", "museum", "library", "unit", "graduate", "pós-graduação", "pos-graduacao",
			"posgrado");

	/** Degree and document-type words that label a thesis or an article. */
	private static final Set<String> LABEL_WORDS = Set.of("dissertation", "dissertação", "dissertacao", "thesis",
			"tese", "tesis", "thèse", "mestrado", "doutorado", "maestría", "doctorado", "master", "master's", "masters",
			"doctoral", "phd", "ph.d", "bachelor", "diploma", "diplomarbeit", "habilitation", "submitted", "advisor",
			"supervisor", "orientador", "co-orientador", "research", "article", "original", "review", "paper", "letter",
			"communication", "open", "access", "short", "full", "brief", "report", "technical", "note", "notes",
			"editorial", "perspective", "commentary", "regular", "preprint", "draft", "manuscript", "accepted",
			"version", "invited", "rapid", "correspondence", "methodology", "software", "case", "study", "articles",
			"papers");

	/** Degree words: a line with one names a thesis, not a person. */
	private static final Set<String> DEGREE_WORDS = Set.of("dissertation", "dissertação", "dissertacao", "thesis",
			"tese", "tesis", "thèse", "mestrado", "doutorado", "maestría", "doctorado", "phd", "diplomarbeit",
			"orientador", "co-orientador", "advisor", "supervisor");

	/** Street words of postal addresses. */
	private static final Set<String> STREET_WORDS = Set.of("street", "avenue", "ave", "ave.", "road", "rd", "rd.",
			"way", "drive", "boulevard", "blvd", "lane", "plaza", "square", "via", "rue", "strasse", "straße", "str.",
			"calle", "rua", "avenida", "p.o.", "box", "campus", "building", "floor", "suite");

	/** Countries and regions that end address lines. */
	private static final Set<String> PLACES = Set.of("usa", "u.s.a.", "uk", "u.k.", "united states", "united kingdom",
			"america", "canada", "mexico", "brazil", "brasil", "argentina", "chile", "colombia", "peru", "germany",
			"deutschland", "france", "italy", "italia", "spain", "españa", "portugal", "netherlands", "the netherlands",
			"belgium", "switzerland", "austria", "sweden", "norway", "denmark", "finland", "iceland", "ireland",
			"poland", "czech republic", "slovakia", "hungary", "romania", "bulgaria", "greece", "turkey", "russia",
			"ukraine", "israel", "iran", "iraq", "egypt", "saudi arabia", "united arab emirates", "qatar", "india",
			"pakistan", "bangladesh", "sri lanka", "nepal", "china", "p.r. china", "japan", "korea", "south korea",
			"taiwan", "hong kong", "singapore", "malaysia", "indonesia", "thailand", "vietnam", "philippines",
			"australia", "new zealand", "south africa", "nigeria", "kenya", "ethiopia", "ghana", "malawi", "tanzania",
			"uganda", "morocco", "tunisia", "algeria", "estonia", "latvia", "lithuania", "slovenia", "croatia",
			"serbia", "luxembourg", "cyprus", "malta", "scotland", "wales", "england", "europe", "asia", "africa");

	private static final Pattern EMAIL = Pattern.compile("[\\w.+\\-{},| ]+@[\\w\\-]+(?:\\.[\\w\\-]+)+");

	/** A postal code or a house number next to words: "CA 94305", "D-52425", "70126". */
	private static final Pattern POSTAL = Pattern.compile("\\b(?:[A-Z]{1,2}-?\\s?)?\\d{4,6}\\b|\\b\\d{1,4}\\s+\\p{L}");

	private static final Pattern WORDS = Pattern.compile("[\\p{L}.'’\\-]+");

	private Affiliations() {
	}

	/** Whether a line names an institution, an address, a place or an e-mail address. */
	static boolean isAffiliation(String line) {
		String text = TextCleaner.collapse(line).toLowerCase(Locale.ROOT);
		if (text.isEmpty()) {
			return false;
		}
		if (text.contains("@") || EMAIL.matcher(text).find()) {
			return true;
		}
		for (String word : words(text)) {
			if (INSTITUTION_WORDS.contains(word) || STREET_WORDS.contains(word)) {
				return true;
			}
		}
		String stripped = text.replaceAll("^[\\d\\p{Punct}\\s]+", "").replaceAll("[\\p{Punct}\\s]+$", "");
		if (PLACES.contains(stripped)) {
			return true;
		}
		int comma = stripped.lastIndexOf(',');
		if (comma > 0 && PLACES.contains(stripped.substring(comma + 1).strip())) {
			return true; // "Stanford, CA 94305, USA"
		}
		return false;
	}

	/** Whether a line is a postal address: words with a postal code or a house number. */
	static boolean isAddress(String line) {
		return POSTAL.matcher(line).find() && isAffiliation(line) || POSTAL.matcher(line).find() && line.contains(",");
	}

	/**
	 * Whether a short line is a label of the document's kind, not its title or an author:
	 * "Research Article", "Dissertação de Mestrado", "Open Access".
	 */
	static boolean isLabel(String line) {
		String text = TextCleaner.collapse(line).toLowerCase(Locale.ROOT);
		String[] words = words(text);
		if (words.length == 0 || words.length > 4) {
			return false;
		}
		int labels = 0;
		for (String word : words) {
			if (LABEL_WORDS.contains(word)) {
				labels++;
			}
			else if (!Set.of("de", "of", "em", "in", "the", "a", "and", "do", "da", "für", "en").contains(word)) {
				return false;
			}
		}
		return labels >= 1;
	}

	/** Whether a token is one no personal name is made of. */
	static boolean isInstitutionWord(String token) {
		String word = token.toLowerCase(Locale.ROOT).replaceAll("[.,;:]+$", "");
		return INSTITUTION_WORDS.contains(word) || DEGREE_WORDS.contains(word) || STREET_WORDS.contains(word);
	}

	private static String[] words(String text) {
		return WORDS.matcher(text)
			.results()
			.map((match) -> match.group().replaceAll("^[.'’\\-]+|[.'’\\-]+$", ""))
			.filter((word) -> !word.isEmpty())
			.toArray(String[]::new);
	}

}
