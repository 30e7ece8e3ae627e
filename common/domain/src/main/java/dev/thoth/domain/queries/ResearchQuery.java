package dev.thoth.domain.queries;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A standing search for new papers that the discovery service runs on a schedule. */
@Entity
@Table(name = "research_queries")
public class ResearchQuery {

	@Id
	private UUID id;

	@Column(nullable = false, unique = true)
	private String name;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false, columnDefinition = "text[]")
	private List<String> keywords = new ArrayList<>();

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false, columnDefinition = "text[]")
	private List<String> categories = new ArrayList<>();

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false, columnDefinition = "text[]")
	private List<String> authors = new ArrayList<>();

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false, columnDefinition = "text[]")
	private List<String> sources = new ArrayList<>();

	@Column(name = "min_year")
	private Integer minYear;

	@Column(name = "max_results", nullable = false)
	private int maxResults = 50;

	@Column(nullable = false)
	private String schedule = "@daily";

	@Column(nullable = false)
	private boolean enabled = true;

	@Column(name = "min_relevance", nullable = false)
	private double minRelevance = 0.5;

	@Column(name = "auto_download", nullable = false)
	private boolean autoDownload;

	@Column(name = "last_days")
	private Integer lastDays;

	@Column(name = "date_from")
	private LocalDate dateFrom;

	@Column(name = "date_to")
	private LocalDate dateTo;

	@Column(name = "last_run_at")
	private Instant lastRunAt;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected ResearchQuery() {
	}

	public ResearchQuery(String name, List<String> keywords) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("research query name must not be blank");
		}
		this.id = UUID.randomUUID();
		this.name = name.strip();
		this.keywords = new ArrayList<>(keywords);
	}

	/**
	 * Replaces the whole definition (everything but the id, the creation time and the
	 * last run).
	 */
	public void define(String name, List<String> keywords, List<String> categories, List<String> authors,
			List<String> sources, Integer minYear, int maxResults, String schedule, boolean enabled) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("research query name must not be blank");
		}
		this.name = name.strip();
		this.keywords = new ArrayList<>(keywords);
		this.categories = new ArrayList<>(categories);
		this.authors = new ArrayList<>(authors);
		this.sources = new ArrayList<>(sources);
		this.minYear = minYear;
		this.maxResults = maxResults;
		this.schedule = schedule;
		this.enabled = enabled;
	}

	/**
	 * What the discovery service does with what it finds: the score from which a result
	 * is relevant, whether relevant results are downloaded by themselves, and the date
	 * window (days back, or a range, never both).
	 */
	public void discover(double minRelevance, boolean autoDownload, Integer lastDays, LocalDate dateFrom,
			LocalDate dateTo) {
		if (minRelevance < 0 || minRelevance > 1) {
			throw new IllegalArgumentException("minRelevance must be between 0 and 1");
		}
		if (lastDays != null && (dateFrom != null || dateTo != null)) {
			throw new IllegalArgumentException("a date window is lastDays or from/to, not both");
		}
		this.minRelevance = minRelevance;
		this.autoDownload = autoDownload;
		this.lastDays = lastDays;
		this.dateFrom = dateFrom;
		this.dateTo = dateTo;
	}

	@PrePersist
	@PreUpdate
	void touch() {
		// PostgreSQL keeps microseconds: the saved value is then the value read back.
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		if (this.createdAt == null) {
			this.createdAt = now;
		}
		this.updatedAt = now;
	}

	public UUID getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public List<String> getKeywords() {
		return List.copyOf(this.keywords);
	}

	public List<String> getCategories() {
		return List.copyOf(this.categories);
	}

	public List<String> getAuthors() {
		return List.copyOf(this.authors);
	}

	public List<String> getSources() {
		return List.copyOf(this.sources);
	}

	public Integer getMinYear() {
		return this.minYear;
	}

	public int getMaxResults() {
		return this.maxResults;
	}

	public String getSchedule() {
		return this.schedule;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public double getMinRelevance() {
		return this.minRelevance;
	}

	public boolean isAutoDownload() {
		return this.autoDownload;
	}

	public Integer getLastDays() {
		return this.lastDays;
	}

	public LocalDate getDateFrom() {
		return this.dateFrom;
	}

	public LocalDate getDateTo() {
		return this.dateTo;
	}

	public Instant getLastRunAt() {
		return this.lastRunAt;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
