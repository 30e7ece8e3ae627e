package dev.thoth.domain.papers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One entry of a paper's reference list, parsed, with its printed string kept as is, and
 * the library paper it resolves to once that paper is in the library.
 */
@Entity
@Table(name = "paper_references")
public class PaperReference {

	@Id
	private UUID id;

	@Column(name = "paper_id", nullable = false, updatable = false)
	private UUID paperId;

	@Column(nullable = false)
	private int position;

	@Column(nullable = false)
	private String raw;

	private String title;

	@Column(name = "normalized_title")
	private String normalizedTitle;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false, columnDefinition = "text[]")
	private List<String> authors = new ArrayList<>();

	private Integer year;

	private String venue;

	private String doi;

	@Column(name = "arxiv_id")
	private String arxivId;

	@Column(name = "resolved_paper_id")
	private UUID resolvedPaperId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(name = "cited_on_pages", nullable = false, columnDefinition = "integer[]")
	private List<Integer> citedOnPages = new ArrayList<>();

	@ElementCollection
	@CollectionTable(name = "paper_reference_field_sources", joinColumns = @JoinColumn(name = "reference_id"))
	@MapKeyColumn(name = "field")
	private Map<String, FieldSource> fieldSources = new HashMap<>();

	protected PaperReference() {
	}

	public PaperReference(UUID paperId, int position, String raw) {
		this.id = UUID.randomUUID();
		this.paperId = paperId;
		this.position = position;
		this.raw = raw;
	}

	public void describe(String title, List<String> authors, Integer year, String venue, String doi, String arxivId) {
		this.title = title;
		this.normalizedTitle = Paper.normalizeTitle(title);
		this.authors = new ArrayList<>((authors != null) ? authors : List.of());
		this.year = year;
		this.venue = venue;
		this.doi = doi;
		this.arxivId = arxivId;
	}

	public void resolveTo(UUID paperId) {
		this.resolvedPaperId = paperId;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getPaperId() {
		return this.paperId;
	}

	public int getPosition() {
		return this.position;
	}

	public String getRaw() {
		return this.raw;
	}

	public String getTitle() {
		return this.title;
	}

	public List<String> getAuthors() {
		return List.copyOf(this.authors);
	}

	public Integer getYear() {
		return this.year;
	}

	public String getVenue() {
		return this.venue;
	}

	public String getDoi() {
		return this.doi;
	}

	public String getArxivId() {
		return this.arxivId;
	}

	/** The pages whose text cites this entry, in page order. */
	public List<Integer> getCitedOnPages() {
		return List.copyOf(this.citedOnPages);
	}

	public void setCitedOnPages(Collection<Integer> pages) {
		this.citedOnPages = new ArrayList<>(new TreeSet<>(pages));
	}

	/**
	 * Records where a field came from when an online lookup filled or corrected it;
	 * fields as parsed have no source.
	 */
	public void recordSource(String field, FieldSource source) {
		this.fieldSources.put(field, source);
	}

	/** The fields an online lookup filled or corrected, and where each came from. */
	public Map<String, FieldSource> getFieldSources() {
		return Map.copyOf(this.fieldSources);
	}

	public UUID getResolvedPaperId() {
		return this.resolvedPaperId;
	}

}
