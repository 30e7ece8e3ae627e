package dev.thoth.discovery.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.discovery.dedup.Work;
import dev.thoth.discovery.ranking.Explanation;
import dev.thoth.discovery.sources.WorkIds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The results table: one row per work a query found. */
@Repository
public class Results {

	static final String COLUMNS = """
			id, query_id, status, score, cast(explanation as text) as explanation, title, authors, abstract,
			published, year, venue, categories, doi, preprint_doi, arxiv_id, pmid, semantic_scholar_id, openalex_id,
			pdf_url, citation_count, retracted, sources, embedding, library_paper_id, found_at, updated_at,
			feedback_at, job_id, paper_id, download_error""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Results(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<StoredResult> get(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from results where id = :id")
			.param("id", id)
			.query(this::row)
			.optional();
	}

	/**
	 * The query's result that is this work, by DOI (its own or its preprint's), arXiv id,
	 * PMID, then title + first author + year.
	 */
	public Optional<StoredResult> matching(UUID queryId, Work work) {
		WorkIds ids = work.ids();
		List<String> dois = new ArrayList<>();
		if (ids.doi() != null) {
			dois.add(ids.doi());
		}
		if (ids.preprintDoi() != null) {
			dois.add(ids.preprintDoi());
		}
		return this.jdbc.sql("select " + COLUMNS + """
				 from results where query_id = :query and (
				    lower(doi) = any(:dois) or lower(preprint_doi) = any(:dois)
				    or arxiv_id = :arxiv or pmid = :pmid or title_key = :titleKey)
				order by (case when lower(doi) = any(:dois) or lower(preprint_doi) = any(:dois) then 0
				    when arxiv_id = :arxiv then 1 when pmid = :pmid then 2 else 3 end), found_at
				limit 1
				""")
			.param("query", queryId)
			.param("dois", dois.toArray(new String[0]))
			.param("arxiv", ids.arxivId())
			.param("pmid", ids.pmid())
			.param("titleKey", work.titleKey())
			.query(this::row)
			.optional();
	}

	/** A new result. */
	public void insert(UUID id, UUID queryId, UUID runId, Work work, ResultStatus status, double score,
			Explanation explanation, float[] embedding, UUID libraryPaperId) {
		this.jdbc.sql("""
				insert into results (id, query_id, status, score, explanation, title, authors, abstract, published,
				    year, venue, categories, doi, preprint_doi, arxiv_id, pmid, semantic_scholar_id, openalex_id,
				    pdf_url, citation_count, retracted, sources, title_key, embedding, library_paper_id, first_run_id,
				    paper_id)
				values (:id, :query, :status, :score, cast(:explanation as jsonb), :title, :authors, :abstract,
				    :published, :year, :venue, :categories, :doi, :preprintDoi, :arxiv, :pmid, :s2, :openalex, :pdf,
				    :citations, :retracted, :sources, :titleKey, :embedding, :library, :run, :library)
				""")
			.params(workParameters(work))
			.param("id", id)
			.param("query", queryId)
			.param("status", status.value())
			.param("score", score)
			.param("explanation", this.json.writeValueAsString(explanation))
			.param("embedding", embedding)
			.param("library", libraryPaperId)
			.param("run", runId)
			.update();
	}

	/**
	 * An existing result, with what this run found: ids and sources added, missing fields
	 * filled, its score and explanation renewed, marked retracted when a source says so.
	 */
	public void merge(StoredResult existing, Work work, double score, Explanation explanation, float[] embedding,
			UUID libraryPaperId) {
		WorkIds ids = existing.ids().merge(work.ids());
		List<String> sources = new ArrayList<>(existing.sources());
		work.sources().stream().filter((source) -> !sources.contains(source)).forEach(sources::add);
		Work merged = new Work(ids, existing.title(),
				existing.authors().isEmpty() ? work.authors() : existing.authors(),
				longer(existing.abstractText(), work.abstractText()),
				(existing.published() != null) ? existing.published() : work.published(),
				(existing.year() != null) ? existing.year() : work.year(),
				(existing.venue() != null) ? existing.venue() : work.venue(),
				existing.categories().isEmpty() ? work.categories() : existing.categories(),
				(existing.pdfUrl() != null) ? existing.pdfUrl() : work.pdfUrl(),
				max(existing.citationCount(), work.citationCount()), existing.retracted() || work.retracted(), sources,
				0);
		this.jdbc.sql("""
				update results set score = :score, explanation = cast(:explanation as jsonb), authors = :authors,
				    abstract = :abstract, published = :published, year = :year, venue = :venue,
				    categories = :categories, doi = :doi, preprint_doi = :preprintDoi, arxiv_id = :arxiv, pmid = :pmid,
				    semantic_scholar_id = :s2, openalex_id = :openalex, pdf_url = :pdf, citation_count = :citations,
				    retracted = :retracted, sources = :sources, title_key = coalesce(title_key, :titleKey),
				    embedding = coalesce(cast(:embedding as real[]), embedding),
				    library_paper_id = coalesce(library_paper_id, cast(:library as uuid)),
				    status = case when cast(:library as uuid) is not null and status in ('new', 'accepted')
				        then 'in_library' else status end,
				    paper_id = coalesce(paper_id, cast(:library as uuid)),
				    updated_at = now()
				where id = :id
				""")
			.params(workParameters(merged))
			.param("id", existing.id())
			.param("score", score)
			.param("explanation", this.json.writeValueAsString(explanation))
			.param("embedding", embedding)
			.param("library", libraryPaperId)
			.update();
	}

	public void rescore(UUID id, double score, Explanation explanation) {
		this.jdbc.sql("""
				update results set score = :score, explanation = cast(:explanation as jsonb), updated_at = now()
				where id = :id
				""")
			.param("id", id)
			.param("score", score)
			.param("explanation", this.json.writeValueAsString(explanation))
			.update();
	}

	/**
	 * Moves a result from one of these statuses to another; false when it was elsewhere.
	 */
	public boolean transition(UUID id, List<ResultStatus> from, ResultStatus to, boolean feedback) {
		return this.jdbc.sql("""
				update results set status = :to, updated_at = now(),
				    feedback_at = case when cast(:feedback as boolean) then now() else feedback_at end,
				    download_error = case when cast(:to as text) in ('accepted', 'rejected') then null
				        else download_error end
				where id = :id and status = any(:from)
				""")
			.param("id", id)
			.param("to", to.value())
			.param("feedback", feedback)
			.param("from", from.stream().map(ResultStatus::value).toArray(String[]::new))
			.update() == 1;
	}

	/** The PDF was handed to the API: its job, or the library paper it already is. */
	public void downloaded(UUID id, UUID jobId, UUID paperId) {
		this.jdbc.sql("""
				update results set status = case when cast(:paper as uuid) is not null then 'in_library'
				    else 'downloaded' end,
				    job_id = :job, paper_id = :paper, download_error = null, updated_at = now()
				where id = :id
				""").param("id", id).param("job", jobId).param("paper", paperId).update();
	}

	public void downloadFailed(UUID id, String error) {
		this.jdbc.sql("update results set download_error = :error, updated_at = now() where id = :id")
			.param("id", id)
			.param("error", (error.length() > 1000) ? error.substring(0, 1000) : error)
			.update();
	}

	/** The job ended with the paper in the library. */
	public boolean inLibrary(UUID jobId, UUID paperId) {
		return this.jdbc.sql("""
				update results set status = 'in_library', paper_id = :paper, updated_at = now()
				where job_id = :job and status = 'downloaded'
				""").param("job", jobId).param("paper", paperId).update() > 0;
	}

	/** The job ended without a paper: the result is accepted again, with the reason. */
	public void ingestFailed(UUID jobId, String error) {
		this.jdbc.sql("""
				update results set status = 'accepted', download_error = :error, job_id = null, updated_at = now()
				where job_id = :job and status = 'downloaded'
				""").param("job", jobId).param("error", error).update();
	}

	public List<UUID> pendingJobs() {
		return this.jdbc.sql("select distinct job_id from results where status = 'downloaded' and job_id is not null")
			.query(UUID.class)
			.list();
	}

	/**
	 * Every result of the query that the researcher judged (accepted ones include
	 * downloaded and in library).
	 */
	public List<StoredResult> judged(UUID queryId) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from results where query_id = :query and feedback_at is not null
				    and status in ('accepted', 'rejected', 'downloaded', 'in_library')
				""").param("query", queryId).query(this::row).list();
	}

	/** The query's results still waiting for the researcher. */
	public List<StoredResult> unjudged(UUID queryId) {
		return this.jdbc.sql("select " + COLUMNS + " from results where query_id = :query and status = 'new'")
			.param("query", queryId)
			.query(this::row)
			.list();
	}

	/**
	 * Semantic Scholar ids of the query's accepted and rejected results, newest first.
	 */
	public Map<Boolean, List<String>> seeds(UUID queryId, int limit) {
		Map<Boolean, List<String>> seeds = new LinkedHashMap<>();
		seeds.put(true, new ArrayList<>());
		seeds.put(false, new ArrayList<>());
		this.jdbc.sql("""
				select semantic_scholar_id, status <> 'rejected' as liked from results
				where query_id = :query and feedback_at is not null and semantic_scholar_id is not null
				order by feedback_at desc
				""").param("query", queryId).query((rs, row) -> {
			List<String> list = seeds.get(rs.getBoolean("liked"));
			if (list.size() < limit) {
				list.add(rs.getString("semantic_scholar_id"));
			}
			return null;
		}).list();
		return seeds;
	}

	/** A page of results, best first. */
	public List<StoredResult> page(UUID queryId, Double minScore, ResultStatus status, int page, int size) {
		return this.jdbc
			.sql("select " + COLUMNS + " from results" + where()
					+ " order by score desc, found_at desc, id limit :size offset :offset")
			.params(filter(queryId, minScore, status))
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this::row)
			.list();
	}

	public long count(UUID queryId, Double minScore, ResultStatus status) {
		return this.jdbc.sql("select count(*) from results" + where())
			.params(filter(queryId, minScore, status))
			.query(Long.class)
			.single();
	}

	/**
	 * Results found since then, not rejected and not already in the library, best first.
	 */
	public List<StoredResult> foundSince(Instant since, int limit) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from results where found_at >= :since and status in ('new', 'accepted', 'downloaded')
				order by score desc, found_at desc limit :limit
				""").param("since", since.atOffset(ZoneOffset.UTC)).param("limit", limit).query(this::row).list();
	}

	private static String where() {
		return " where (cast(:query as uuid) is null or query_id = :query)"
				+ " and (cast(:minScore as double precision) is null or score >= :minScore)"
				+ " and (cast(:status as text) is null or status = :status)";
	}

	private static Map<String, Object> filter(UUID queryId, Double minScore, ResultStatus status) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("query", queryId);
		params.put("minScore", minScore);
		params.put("status", (status != null) ? status.value() : null);
		return params;
	}

	private static Map<String, Object> workParameters(Work work) {
		WorkIds ids = work.ids();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("title", work.title());
		params.put("authors", work.authors().toArray(new String[0]));
		params.put("abstract", work.abstractText());
		params.put("published", work.published());
		params.put("year", work.year());
		params.put("venue", work.venue());
		params.put("categories", work.categories().toArray(new String[0]));
		params.put("doi", ids.doi());
		params.put("preprintDoi", ids.preprintDoi());
		params.put("arxiv", ids.arxivId());
		params.put("pmid", ids.pmid());
		params.put("s2", ids.semanticScholarId());
		params.put("openalex", ids.openAlexId());
		params.put("pdf", work.pdfUrl());
		params.put("citations", work.citationCount());
		params.put("retracted", work.retracted());
		params.put("sources", work.sources().toArray(new String[0]));
		params.put("titleKey", work.titleKey());
		return params;
	}

	private StoredResult row(ResultSet rs, int row) throws SQLException {
		return new StoredResult(rs.getObject("id", UUID.class), rs.getObject("query_id", UUID.class),
				ResultStatus.of(rs.getString("status")).orElseThrow(), rs.getDouble("score"),
				this.json.readValue(rs.getString("explanation"), Explanation.class), rs.getString("title"),
				strings(rs.getArray("authors")), rs.getString("abstract"), rs.getObject("published", LocalDate.class),
				rs.getObject("year", Integer.class), rs.getString("venue"), strings(rs.getArray("categories")),
				new WorkIds(rs.getString("doi"), rs.getString("preprint_doi"), rs.getString("arxiv_id"),
						rs.getString("pmid"), rs.getString("semantic_scholar_id"), rs.getString("openalex_id")),
				rs.getString("pdf_url"), rs.getObject("citation_count", Integer.class), rs.getBoolean("retracted"),
				strings(rs.getArray("sources")), floats(rs.getArray("embedding")),
				rs.getObject("library_paper_id", UUID.class), instant(rs, "found_at"), instant(rs, "updated_at"),
				instant(rs, "feedback_at"), rs.getObject("job_id", UUID.class), rs.getObject("paper_id", UUID.class),
				rs.getString("download_error"));
	}

	private static String longer(String a, String b) {
		if (a == null) {
			return b;
		}
		return (b != null && b.length() > a.length()) ? b : a;
	}

	private static Integer max(Integer a, Integer b) {
		if (a == null) {
			return b;
		}
		return (b != null) ? Math.max(a, b) : a;
	}

	static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	static float[] floats(Array array) throws SQLException {
		if (array == null) {
			return null;
		}
		Object[] values = (Object[]) array.getArray();
		float[] floats = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			floats[i] = ((Number) values[i]).floatValue();
		}
		return floats;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	static LocalDate day(Instant instant) {
		return instant.atZone(ZoneOffset.UTC).toLocalDate();
	}

}
