package dev.thoth.pdfmonitor.analysis;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A deterministic analysis without a model, so the local run is useful with no key:
 * sentences are scored by how many of the paper's characteristic terms they carry (term
 * frequency against a stop list, with the abstract and conclusions weighted up); the best
 * ones make the summary and key points, cue phrases sort sentences into methodology,
 * results, limitations and contributions, and the strongest terms become tags. The same
 * input always gives the same analysis.
 */
public class OfflineAnalyzer {

	private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}-]{2,}");

	private static final Set<String> STOP_WORDS = Arrays
		.stream(("a about above after again against all also am an and any "
				+ "are as at be because been before being below between both but by can could did do does doing down "
				+ "during each et al few for from further had has have having he her here hers herself him himself his how "
				+ "however i if in into is it its itself just let me more most my myself no nor not now of off on once only "
				+ "or other our ours ourselves out over own same she should so some such than that the their theirs them "
				+ "themselves then there these they this those through thus to too under until up upon very via was we were "
				+ "what when where which while who whom why will with within without would you your yours yourself "
				+ "yourselves one two three first second new use used using based shown show shows paper section figure fig "
				+ "table equation eq result results approach method methods problem proposed propose given case cases "
				+ "number may might must well many much several different also however therefore thus hence where whose "
				+ "since each either neither per within among across along towards toward respectively e.g i.e")
			.split(" "))
		.collect(Collectors.toUnmodifiableSet());

	private static final List<Pattern> METHODOLOGY = cues(
			"we (propose|present|introduce|develop|use|apply|describe|model|derive|consider|perform)",
			"our (method|approach|algorithm|model|framework)", "is based on", "we (implemented|designed)");

	private static final List<Pattern> RESULTS = cues(
			"(results|experiments?|evaluation) (show|indicate|demonstrate|suggest)",
			"we (find|found|show|observe|obtain|demonstrate)", "outperform", "improv(e|es|ement)", "accuracy",
			"significant");

	private static final List<Pattern> LIMITATIONS = cues("limitation", "future work", "does not", "do not", "cannot",
			"not (yet )?(possible|able|considered)", "drawback", "remains? (open|unclear)");

	private static final List<Pattern> CONTRIBUTIONS = cues("(our|the main|main) contributions?",
			"we (propose|present|introduce)",
			"this (paper|report|work|article) (presents|proposes|introduces|describes)", "novel", "first time");

	private static List<Pattern> cues(String... expressions) {
		return Arrays.stream(expressions)
			.map((expression) -> Pattern.compile("\\b" + expression + "\\b", Pattern.CASE_INSENSITIVE))
			.toList();
	}

	public Analysis analyze(String title, String abstractText, String bodyText, List<String> keywords) {
		String abstractPart = (abstractText != null) ? abstractText : "";
		String body = (bodyText != null) ? bodyText : "";
		List<String> sentences = new ArrayList<>();
		List<Double> weights = new ArrayList<>();
		addSentences(abstractPart, 1.5, sentences, weights);
		int bodyStart = sentences.size();
		addSentences(withoutReferences(body), 1.0, sentences, weights);
		Map<String, Double> termWeights = termWeights(title, abstractPart, body);

		double[] scores = new double[sentences.size()];
		for (int i = 0; i < sentences.size(); i++) {
			scores[i] = score(sentences.get(i), termWeights) * weights.get(i);
			if (i >= bodyStart && sentences.get(i).toLowerCase(Locale.ROOT).contains("conclu")) {
				scores[i] *= 1.3;
			}
		}
		List<Integer> ranked = IntStream.range(0, sentences.size())
			.boxed()
			.filter((i) -> isProse(sentences.get(i)))
			.sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt((i) -> i))
			.toList();
		List<Integer> summaryIndexes = ranked.stream().limit(3).sorted().toList();
		String summary = summaryIndexes.stream().map(sentences::get).collect(Collectors.joining(" "));
		List<String> keyPoints = ranked.stream().skip(3).limit(5).sorted().map(sentences::get).toList();
		return new Analysis(summary, keyPoints, matching(sentences, ranked, METHODOLOGY),
				matching(sentences, ranked, RESULTS), matching(sentences, ranked, LIMITATIONS),
				matching(sentences, ranked, CONTRIBUTIONS), tags(termWeights, keywords), "offline");
	}

	private static String withoutReferences(String body) {
		var matcher = Pattern.compile("(?im)^\\s*(references|bibliography|literatur)\\s*$").matcher(body);
		int cut = -1;
		while (matcher.find()) {
			cut = matcher.start();
		}
		return (cut > body.length() / 3) ? body.substring(0, cut) : body;
	}

	/**
	 * Adds the text's sentences, each once: the abstract's sentences come again in the
	 * body, and a sentence picked twice would be a repeated bullet.
	 */
	private static void addSentences(String text, double weight, List<String> sentences, List<Double> weights) {
		String flat = text.replaceAll("\\s+", " ").strip();
		BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
		iterator.setText(flat);
		Set<String> seen = new HashSet<>();
		sentences.forEach((sentence) -> seen.add(Analysis.sameness(sentence)));
		for (int start = iterator.first(),
				end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
			String sentence = flat.substring(start, end).strip();
			if (sentence.length() >= 40 && sentence.length() <= 400 && seen.add(Analysis.sameness(sentence))) {
				sentences.add(sentence);
				weights.add(weight);
			}
		}
	}

	/** Mostly words: not an equation, a table row, a reference or an address block. */
	private static boolean isProse(String sentence) {
		long letters = sentence.chars().filter(Character::isLetter).count();
		return letters >= sentence.length() * 0.7 && !sentence.matches("^\\[?\\d+[\\].].*") && !sentence.contains("@")
				&& !sentence.contains("http");
	}

	private static Map<String, Double> termWeights(String title, String abstractText, String body) {
		Map<String, Double> counts = new HashMap<>();
		count(body, 1.0, counts);
		count(abstractText, 3.0, counts);
		count(title, 5.0, counts);
		return counts;
	}

	private static void count(String text, double weight, Map<String, Double> counts) {
		if (text == null) {
			return;
		}
		var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			String term = matcher.group();
			if (!STOP_WORDS.contains(term)) {
				counts.merge(term, weight, Double::sum);
			}
		}
	}

	private static double score(String sentence, Map<String, Double> termWeights) {
		var matcher = WORD.matcher(sentence.toLowerCase(Locale.ROOT));
		Set<String> seen = new LinkedHashSet<>();
		while (matcher.find()) {
			seen.add(matcher.group());
		}
		double total = seen.stream().mapToDouble((term) -> Math.log1p(termWeights.getOrDefault(term, 0.0))).sum();
		return total / Math.sqrt(Math.max(seen.size(), 8));
	}

	private static List<String> matching(List<String> sentences, List<Integer> ranked, List<Pattern> cues) {
		return ranked.stream()
			.filter((i) -> cues.stream().anyMatch((cue) -> cue.matcher(sentences.get(i)).find()))
			.limit(3)
			.sorted()
			.map(sentences::get)
			.toList();
	}

	private static List<String> tags(Map<String, Double> termWeights, List<String> keywords) {
		Set<String> tags = new LinkedHashSet<>();
		if (keywords != null) {
			keywords.stream()
				.map((keyword) -> keyword.strip().toLowerCase(Locale.ROOT))
				.filter((keyword) -> !keyword.isEmpty())
				.limit(8)
				.forEach(tags::add);
		}
		termWeights.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().length() >= 4 && !entry.getKey().matches(".*\\d.*"))
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(8)
			.forEach((entry) -> tags.add(entry.getKey()));
		return tags.stream().limit(10).toList();
	}

}
