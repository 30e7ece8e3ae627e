package dev.thoth.api.queries;

import java.time.Duration;

import dev.thoth.platform.config.InvalidConfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * Research query settings.
 *
 * @param minInterval THOTH_RESEARCH_QUERY_MIN_INTERVAL: the shortest time between two
 * runs of a query's schedule (the paper sources are public services); 5 minutes by
 * default, at least a second and at most a day. Shorter than the default only for tests
 * and demos. Read as text and parsed here, so that a value that is not a duration is
 * named by its variable too.
 */
@ConfigurationProperties("thoth.research-queries")
record ResearchQueryProperties(@DefaultValue("5m") String minInterval) {

	static final String VARIABLE = "THOTH_RESEARCH_QUERY_MIN_INTERVAL";

	static final Duration SHORTEST = Duration.ofSeconds(1);

	static final Duration LONGEST = Duration.ofDays(1);

	ResearchQueryProperties {
		interval(minInterval);
	}

	Duration interval() {
		return interval(this.minInterval);
	}

	private static Duration interval(String value) {
		Duration interval;
		try {
			interval = DurationStyle.detectAndParse(value.strip());
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationException(VARIABLE,
					"'" + value + "' is not a duration (such as 5m, 30s or PT5M)");
		}
		if (interval.compareTo(SHORTEST) < 0 || interval.compareTo(LONGEST) > 0) {
			throw new InvalidConfigurationException(VARIABLE, "must be between 1s and 1d, not " + value.strip());
		}
		return interval;
	}

}
