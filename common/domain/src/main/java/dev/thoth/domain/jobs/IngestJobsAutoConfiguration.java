package dev.thoth.domain.jobs;

import javax.sql.DataSource;

import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.events.PipelineEventsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shared ingestion queue, for every service that has the database. */
@AutoConfiguration(after = PipelineEventsAutoConfiguration.class)
@ConditionalOnBean({ DataSource.class, PipelineEvents.class })
public class IngestJobsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IngestJobs ingestJobs(DataSource dataSource, PipelineEvents events) {
		return new IngestJobs(JdbcClient.create(dataSource), events);
	}

}
