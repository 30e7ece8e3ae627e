package dev.thoth.api.ask;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.api.search.HitPapers;
import dev.thoth.api.search.SearchMode;
import dev.thoth.api.search.SearchService;
import dev.thoth.api.tags.TaggedPapers;
import dev.thoth.clients.api.Answer;
import dev.thoth.clients.api.Citation;
import dev.thoth.clients.api.Question;
import dev.thoth.clients.api.SearchHit;

import org.springframework.stereotype.Service;

/**
 * Answers a question from the library: retrieves passages by hybrid search, lets the
 * answerer (a model when configured, extractive otherwise) write from them only, and
 * attaches the passages it cites.
 */
@Service
class AskService {

	static final String NOT_IN_LIBRARY = "The library does not contain an answer to this question.";

	static final int DEFAULT_PASSAGES = 6;

	private static final int QUOTE_LENGTH = 300;

	private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,2})]");

	private final SearchService search;

	private final Answerer answerer;

	private final TaggedPapers taggedPapers;

	private final HitPapers papers;

	AskService(SearchService search, Answerer answerer, TaggedPapers taggedPapers, HitPapers papers) {
		this.search = search;
		this.answerer = answerer;
		this.taggedPapers = taggedPapers;
		this.papers = papers;
	}

	Answer ask(Question question, Consumer<String> tokens) {
		int k = (question.k() != null) ? question.k() : DEFAULT_PASSAGES;
		List<Passage> passages = passages(question.question().strip(), k, question.paperIds(), question.tags());
		Draft draft = passages.isEmpty() ? Draft.notInLibrary()
				: this.answerer.answer(question.question().strip(), passages, tokens);
		if (!draft.answered()) {
			tokens.accept(NOT_IN_LIBRARY);
			return new Answer(NOT_IN_LIBRARY, false, List.of(), this.answerer.name());
		}
		return new Answer(draft.text(), true, citations(draft, passages), this.answerer.name());
	}

	private List<Passage> passages(String question, int k, List<UUID> paperIds, List<String> tags) {
		Collection<UUID> scope = (paperIds == null) ? List.of() : paperIds;
		boolean limitedToTags = tags != null && tags.stream().anyMatch((tag) -> tag != null && !tag.isBlank());
		if (limitedToTags) {
			Set<UUID> tagged = this.taggedPapers.withAnyOf(tags);
			if (!scope.isEmpty()) {
				tagged.retainAll(scope);
			}
			if (tagged.isEmpty()) {
				return List.of();
			}
			scope = tagged;
		}
		List<SearchHit> hits = this.papers.complete(this.search.searchText(question, k, SearchMode.HYBRID, scope, null))
			.hits();
		List<Passage> passages = new ArrayList<>();
		for (int i = 0; i < hits.size(); i++) {
			passages.add(new Passage(i + 1, hits.get(i)));
		}
		return passages;
	}

	/**
	 * The passages the text cites, in the order first cited; unknown numbers are ignored.
	 */
	private static List<Citation> citations(Draft draft, List<Passage> passages) {
		Set<Integer> cited = new LinkedHashSet<>();
		Matcher matcher = MARKER.matcher(draft.text());
		while (matcher.find()) {
			int n = Integer.parseInt(matcher.group(1));
			if (n >= 1 && n <= passages.size()) {
				cited.add(n);
			}
		}
		List<Citation> citations = new ArrayList<>();
		for (int n : cited) {
			SearchHit hit = passages.get(n - 1).hit();
			String quote = draft.quotes().getOrDefault(n, opening(hit.text()));
			citations.add(new Citation(n, hit.paperId(), hit.title(), hit.page(), quote,
					"/api/v1/papers/" + hit.paperId() + "/pdf#page=" + hit.page(), hit.retraction()));
		}
		return citations;
	}

	private static String opening(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		if (flat.length() <= QUOTE_LENGTH) {
			return flat;
		}
		int cut = flat.lastIndexOf(' ', QUOTE_LENGTH);
		return flat.substring(0, (cut > 0) ? cut : QUOTE_LENGTH) + " …";
	}

}
