package dev.thoth.discovery.scoring;

import java.util.List;
import java.util.UUID;

import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.discovery.library.LibrarySnapshot;
import dev.thoth.discovery.ranking.QueryClassifier;
import dev.thoth.discovery.ranking.Relevance;
import dev.thoth.discovery.store.ResultStatus;
import dev.thoth.discovery.store.Results;
import dev.thoth.discovery.store.StoredResult;
import dev.thoth.vectorstore.Embedder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Relevance for a query: what a paper is compared with (the query's meaning, the library,
 * the accepted results, the classifier), and the classifier trained again, with every
 * unjudged result scored again, when the researcher's feedback changes.
 */
@Component
public class Scoring {

	private static final Log log = LogFactory.getLog(Scoring.class);

	private final Embedder embedder;

	private final Results results;

	private final ClassifierStore classifiers;

	Scoring(Embedder embedder, Results results, ClassifierStore classifiers) {
		this.embedder = embedder;
		this.results = results;
		this.classifiers = classifiers;
	}

	public List<float[]> embed(List<String> texts) {
		return this.embedder.embed(texts);
	}

	public Relevance.Context context(ResearchQueryView query, LibrarySnapshot library) {
		Relevance.Query terms = terms(query);
		float[] meaning = terms.text().isBlank() ? null : this.embedder.embed(terms.text());
		List<Relevance.Known> accepted = this.results.judged(query.id())
			.stream()
			.filter((result) -> result.status() != dev.thoth.discovery.store.ResultStatus.REJECTED)
			.map((result) -> new Relevance.Known(result.id(), result.title(), result.embedding()))
			.toList();
		return new Relevance.Context(terms, meaning, library.known(), accepted,
				this.classifiers.load(query.id()).orElse(null));
	}

	public static Relevance.Query terms(ResearchQueryView query) {
		return new Relevance.Query(query.keywords(), query.authors(), query.categories());
	}

	/**
	 * Trains the query's classifier on its judged results (or drops it when one kind is
	 * missing), then scores every result still waiting for a judgement again.
	 */
	public void learn(ResearchQueryView query, LibrarySnapshot library) {
		UUID queryId = query.id();
		List<QueryClassifier.Example> examples = this.results.judged(queryId)
			.stream()
			.filter((result) -> result.embedding() != null)
			.map((result) -> new QueryClassifier.Example(result.text(), result.embedding(),
					result.status() != dev.thoth.discovery.store.ResultStatus.REJECTED))
			.toList();
		if (QueryClassifier.canTrain(examples)) {
			this.classifiers.save(queryId, QueryClassifier.train(examples));
		}
		else {
			this.classifiers.delete(queryId);
		}
		Relevance.Context context = context(query, library);
		List<StoredResult> waiting = this.results.unjudged(queryId);
		for (StoredResult result : waiting) {
			if (result.embedding() == null) {
				continue;
			}
			Relevance.Scored scored = Relevance.score(paper(result), context);
			this.results.rescore(result.id(), scored.score(), scored.explanation());
		}
		log.debug("Query " + queryId + ": learnt from " + examples.size() + " judged results, scored " + waiting.size()
				+ " again");
	}

	public static Relevance.Paper paper(StoredResult result) {
		return new Relevance.Paper(result.title(), result.text(), result.authors(), result.categories(),
				result.embedding());
	}

}
