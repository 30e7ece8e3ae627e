package dev.thoth.api.queries;

import java.time.Duration;
import java.util.Map;

import dev.thoth.api.web.InvalidFieldException;
import dev.thoth.platform.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** THOTH_RESEARCH_QUERY_MIN_INTERVAL: bound, checked, and applied to schedules. */
class ResearchQueryMinIntervalTests {

	@Test
	void fiveMinutesByDefaultAndAnyReadableDurationOtherwise() {
		assertThat(bind(Map.of()).interval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(bind(Map.of("thoth.research-queries.min-interval", "10s")).interval())
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(bind(Map.of("thoth.research-queries.min-interval", "PT2M")).interval())
			.isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void aBadValueNamesTheVariable() {
		for (String bad : new String[] { "five minutes", "", "0s", "500ms", "-1m", "2d" }) {
			assertThatThrownBy(() -> bind(Map.of("thoth.research-queries.min-interval", bad))).as(bad)
				.hasRootCauseInstanceOf(InvalidConfigurationException.class)
				.rootCause()
				.hasMessageStartingWith("THOTH_RESEARCH_QUERY_MIN_INTERVAL: ");
		}
	}

	@Test
	void schedulesAreCheckedAgainstTheSetting() {
		Duration tenSeconds = Duration.ofSeconds(10);
		assertThatNoException()
			.isThrownBy(() -> ResearchQueriesService.Definition.checkSchedule("*/10 * * * * *", tenSeconds));
		assertThatThrownBy(() -> ResearchQueriesService.Definition.checkSchedule("*/5 * * * * *", tenSeconds))
			.isInstanceOf(InvalidFieldException.class)
			.hasMessageContaining("must not run more often than every 10 seconds");
		assertThatThrownBy(
				() -> ResearchQueriesService.Definition.checkSchedule("*/10 * * * * *", Duration.ofMinutes(5)))
			.hasMessageContaining("must not run more often than every 5 minutes");
	}

	private static ResearchQueryProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("thoth.research-queries",
				ResearchQueryProperties.class);
	}

}
