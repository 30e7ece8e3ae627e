package dev.thoth.domain.papers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A paper in the library, identified by the SHA-256 of its PDF: the same file twice is
 * one paper.
 */
@Entity
@Table(name = "papers")
public class Paper {

	@Id
	private UUID id;

	@Column(name = "content_sha256", nullable = false, unique = true, updatable = false, length = 64)
	private String contentSha256;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private PaperStatus status;

	private String title;

	@Column(name = "normalized_title")
	private String normalizedTitle;

	private Integer year;

	private String doi;

	@Column(name = "arxiv_id")
	private String arxivId;

	private String venue;

	@Column(name = "abstract")
	private String abstractText;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false, columnDefinition = "text[]")
	private List<String> keywords = new ArrayList<>();

	@Column(name = "page_count")
	private Integer pageCount;

	@Column(name = "file_path")
	private String filePath;

	@Column(name = "original_filename")
	private String originalFilename;

	@Column(name = "note_path")
	private String notePath;

	@ElementCollection
	@CollectionTable(name = "paper_authors", joinColumns = @JoinColumn(name = "paper_id"))
	@OrderColumn(name = "position")
	@Column(name = "name", nullable = false)
	private List<String> authors = new ArrayList<>();

	@ElementCollection
	@CollectionTable(name = "paper_field_sources", joinColumns = @JoinColumn(name = "paper_id"))
	@MapKeyColumn(name = "field")
	private Map<String, FieldSource> fieldSources = new HashMap<>();

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected Paper() {
	}

	public Paper(String contentSha256) {
		if (contentSha256 == null || !contentSha256.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("content hash must be 64 lower-case hex digits");
		}
		this.id = UUID.randomUUID();
		this.contentSha256 = contentSha256;
		this.status = PaperStatus.PENDING;
	}

	@PrePersist
	@PreUpdate
	void touch() {
		Instant now = Instant.now();
		if (this.createdAt == null) {
			this.createdAt = now;
		}
		this.updatedAt = now;
	}

	/** Lower case, letters and digits only, single spaces: how titles are matched. */
	public static String normalizeTitle(String title) {
		if (title == null) {
			return null;
		}
		String normalized = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(java.util.Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", " ")
			.trim();
		return normalized.isEmpty() ? null : normalized;
	}

	public void describe(String title, List<String> authors, Integer year) {
		this.title = title;
		this.normalizedTitle = normalizeTitle(title);
		this.authors.clear();
		if (authors != null) {
			this.authors.addAll(authors);
		}
		this.year = year;
	}

	public void recordSource(String field, FieldSource source) {
		this.fieldSources.put(field, source);
	}

	/** The fields a researcher should check ({@link ReviewFlags}). */
	public List<String> fieldsToReview() {
		Set<String> present = new HashSet<>();
		addIfPresent(present, "title", this.title);
		addIfPresent(present, "doi", this.doi);
		addIfPresent(present, "arxivId", this.arxivId);
		addIfPresent(present, "venue", this.venue);
		addIfPresent(present, "abstract", this.abstractText);
		if (!this.authors.isEmpty()) {
			present.add("authors");
		}
		if (this.year != null) {
			present.add("year");
		}
		if (this.keywords != null && !this.keywords.isEmpty()) {
			present.add("keywords");
		}
		return ReviewFlags.fieldsToReview(this.fieldSources, present);
	}

	private static void addIfPresent(Set<String> present, String field, String value) {
		if (value != null && !value.isBlank()) {
			present.add(field);
		}
	}

	/** Forgets where every field came from, before the metadata is written anew. */
	public void clearSources() {
		this.fieldSources.clear();
	}

	public UUID getId() {
		return this.id;
	}

	public String getContentSha256() {
		return this.contentSha256;
	}

	public PaperStatus getStatus() {
		return this.status;
	}

	public void setStatus(PaperStatus status) {
		this.status = status;
	}

	public String getTitle() {
		return this.title;
	}

	public String getNormalizedTitle() {
		return this.normalizedTitle;
	}

	public Integer getYear() {
		return this.year;
	}

	public String getDoi() {
		return this.doi;
	}

	public void setDoi(String doi) {
		this.doi = doi;
	}

	public String getArxivId() {
		return this.arxivId;
	}

	public void setArxivId(String arxivId) {
		this.arxivId = arxivId;
	}

	public String getVenue() {
		return this.venue;
	}

	public void setVenue(String venue) {
		this.venue = venue;
	}

	public String getAbstractText() {
		return this.abstractText;
	}

	public void setAbstractText(String abstractText) {
		this.abstractText = abstractText;
	}

	public List<String> getKeywords() {
		return List.copyOf(this.keywords);
	}

	public void setKeywords(List<String> keywords) {
		this.keywords = new ArrayList<>(keywords);
	}

	public Integer getPageCount() {
		return this.pageCount;
	}

	public void setPageCount(Integer pageCount) {
		this.pageCount = pageCount;
	}

	public String getFilePath() {
		return this.filePath;
	}

	public void setFilePath(String filePath) {
		this.filePath = filePath;
	}

	public String getOriginalFilename() {
		return this.originalFilename;
	}

	public void setOriginalFilename(String originalFilename) {
		this.originalFilename = originalFilename;
	}

	public String getNotePath() {
		return this.notePath;
	}

	public void setNotePath(String notePath) {
		this.notePath = notePath;
	}

	public List<String> getAuthors() {
		return List.copyOf(this.authors);
	}

	public Map<String, FieldSource> getFieldSources() {
		return Map.copyOf(this.fieldSources);
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
