package dev.thoth.agent.memory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * An empty core memory when no memory store provides one; an auto-configuration, so it is
 * considered after every bean of the service's own.
 */
@AutoConfiguration
public class NoCoreMemoryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CoreMemory.class)
	CoreMemory noCoreMemory() {
		return () -> "";
	}

}
