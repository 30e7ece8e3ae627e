package dev.thoth.domain.notes;

import javax.sql.DataSource;

import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.events.PipelineEventsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notes to write again, for the API (which requests) and the monitors (which serve).
 */
@AutoConfiguration(after = PipelineEventsAutoConfiguration.class)
@ConditionalOnBean({ DataSource.class, PipelineEvents.class })
public class NoteRefreshesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NoteRefreshes noteRefreshes(DataSource dataSource, PipelineEvents events) {
		return new NoteRefreshes(JdbcClient.create(dataSource), events);
	}

}
