package dev.thoth.api.queries;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import dev.thoth.api.web.InvalidFieldException;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.ResearchQueryRequest;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.domain.queries.ResearchQuery;
import dev.thoth.domain.queries.ResearchQueryRepository;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The research queries: defined here, run by the discovery service, which records each
 * run. A definition is checked beyond what bean validation can say: at least one term to
 * search for, a schedule that Spring can run and that does not hammer the paper sources.
 */
@Service
@Transactional
@EnableConfigurationProperties(ResearchQueryProperties.class)
class ResearchQueriesService {

	static final String DEFAULT_SCHEDULE = "@daily";

	static final int DEFAULT_MAX_RESULTS = 50;

	static final double DEFAULT_MIN_RELEVANCE = 0.5;

	/** A clock ahead of ours by less than this still records a run. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private final ResearchQueryRepository queries;

	private final JdbcClient jdbc;

	/** The paper sources are public services: no query runs more often than this. */
	private final Duration minInterval;

	ResearchQueriesService(ResearchQueryRepository queries, JdbcClient jdbc, ResearchQueryProperties properties) {
		this.queries = queries;
		this.jdbc = jdbc;
		this.minInterval = properties.interval();
	}

	@Transactional(readOnly = true)
	PageResponse<ResearchQueryView> list(Boolean enabled, int page, int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by("name").and(Sort.by("id")));
		Page<ResearchQuery> result = (enabled != null) ? this.queries.findByEnabled(enabled, request)
				: this.queries.findAll(request);
		return new PageResponse<>(result.map(ResearchQueriesService::view).getContent(), page, size,
				result.getTotalElements(), result.getTotalPages());
	}

	@Transactional(readOnly = true)
	ResearchQueryView get(UUID id) {
		return view(existing(id));
	}

	ResearchQueryView create(ResearchQueryRequest request) {
		Definition definition = Definition.of(request, this.minInterval);
		if (this.queries.existsByName(definition.name())) {
			throw new QueryNameTakenException(definition.name());
		}
		ResearchQuery query = new ResearchQuery(definition.name(), definition.keywords());
		definition.applyTo(query);
		return view(this.queries.saveAndFlush(query));
	}

	ResearchQueryView replace(UUID id, ResearchQueryRequest request) {
		ResearchQuery query = existing(id);
		Definition definition = Definition.of(request, this.minInterval);
		if (this.queries.existsByNameAndIdNot(definition.name(), id)) {
			throw new QueryNameTakenException(definition.name());
		}
		definition.applyTo(query);
		return view(this.queries.saveAndFlush(query));
	}

	void delete(UUID id) {
		this.queries.delete(existing(id));
	}

	/**
	 * Moves the last run forward to {@code at}; never back (a late report of an older
	 * run).
	 */
	ResearchQueryView recordRun(UUID id, Instant at) {
		if (at.isAfter(Instant.now().plus(CLOCK_SKEW))) {
			throw new InvalidFieldException("at", "must not be in the future");
		}
		int updated = this.jdbc.sql("""
				update research_queries set last_run_at = greatest(coalesce(last_run_at, :at), :at) where id = :id
				""").param("at", at.atOffset(ZoneOffset.UTC)).param("id", id).update();
		if (updated == 0) {
			throw notFound(id);
		}
		return view(existing(id));
	}

	private ResearchQuery existing(UUID id) {
		return this.queries.findById(id).orElseThrow(() -> notFound(id));
	}

	private static ResponseStatusException notFound(UUID id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No research query with id " + id);
	}

	static ResearchQueryView view(ResearchQuery query) {
		return new ResearchQueryView(query.getId(), query.getName(), query.getKeywords(), query.getCategories(),
				query.getAuthors(), query.getSources(), query.getMinYear(), query.getMaxResults(), query.getSchedule(),
				query.isEnabled(), query.getLastRunAt(), query.getCreatedAt(), query.getUpdatedAt(),
				query.getMinRelevance(), query.isAutoDownload(), query.getLastDays(), query.getDateFrom(),
				query.getDateTo());
	}

	/** "5 minutes", "10 seconds", "90 seconds". */
	static String readable(Duration interval) {
		if (interval.toSecondsPart() == 0 && interval.toNanosPart() == 0 && interval.toMinutes() > 0) {
			return (interval.toMinutes() == 1) ? "minute" : interval.toMinutes() + " minutes";
		}
		return interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " seconds" : interval.toMillis() + " ms";
	}

	/** A request with its defaults filled in, its lists trimmed and without repeats. */
	record Definition(String name, List<String> keywords, List<String> categories, List<String> authors,
			List<String> sources, Integer minYear, int maxResults, String schedule, boolean enabled,
			double minRelevance, boolean autoDownload, Integer lastDays, LocalDate from, LocalDate to) {

		static Definition of(ResearchQueryRequest request, Duration minInterval) {
			List<String> keywords = cleaned(request.keywords());
			List<String> categories = cleaned(request.categories());
			List<String> authors = cleaned(request.authors());
			if (keywords.isEmpty() && categories.isEmpty() && authors.isEmpty()) {
				throw new InvalidFieldException("keywords", "at least one keyword, category or author is needed");
			}
			String schedule = (request.schedule() == null || request.schedule().isBlank()) ? DEFAULT_SCHEDULE
					: request.schedule().strip();
			checkSchedule(schedule, minInterval);
			checkWindow(request);
			return new Definition(request.name().strip(), keywords, categories, authors, cleaned(request.sources()),
					request.minYear(), (request.maxResults() != null) ? request.maxResults() : DEFAULT_MAX_RESULTS,
					schedule, (request.enabled() != null) ? request.enabled() : true,
					(request.minRelevance() != null) ? request.minRelevance() : DEFAULT_MIN_RELEVANCE,
					Boolean.TRUE.equals(request.autoDownload()), request.lastDays(), request.from(), request.to());
		}

		void applyTo(ResearchQuery query) {
			query.define(this.name, this.keywords, this.categories, this.authors, this.sources, this.minYear,
					this.maxResults, this.schedule, this.enabled);
			query.discover(this.minRelevance, this.autoDownload, this.lastDays, this.from, this.to);
		}

		/** The date window: days back, or a range from one day to another; never both. */
		private static void checkWindow(ResearchQueryRequest request) {
			if (request.lastDays() != null && (request.from() != null || request.to() != null)) {
				throw new InvalidFieldException("lastDays", "give either lastDays or from/to, not both");
			}
			if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
				throw new InvalidFieldException("to", "must not be before from");
			}
		}

		private static List<String> cleaned(List<String> values) {
			if (values == null) {
				return List.of();
			}
			return new ArrayList<>(new LinkedHashSet<>(values.stream().map(String::strip).toList()));
		}

		static void checkSchedule(String schedule, Duration minInterval) {
			if (!CronExpression.isValidExpression(schedule)) {
				throw new InvalidFieldException("schedule",
						"must be a cron expression with six fields (second minute hour day month weekday), "
								+ "such as '0 0 6 * * MON-FRI', or @hourly, @daily, @weekly, @monthly");
			}
			CronExpression cron = CronExpression.parse(schedule);
			LocalDateTime previous = cron.next(LocalDateTime.now(ZoneOffset.UTC));
			if (previous == null) {
				throw new InvalidFieldException("schedule", "never runs");
			}
			// The shortest gap between the next runs (a cron may bunch them, as in "0 0,1
			// * * * *").
			for (int i = 0; i < 50; i++) {
				LocalDateTime next = cron.next(previous);
				if (next == null) {
					break;
				}
				if (Duration.between(previous, next).compareTo(minInterval) < 0) {
					throw new InvalidFieldException("schedule",
							"must not run more often than every " + readable(minInterval));
				}
				previous = next;
			}
		}

	}

}
