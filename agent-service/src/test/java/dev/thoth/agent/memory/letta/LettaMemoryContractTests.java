package dev.thoth.agent.memory.letta;

import dev.thoth.agent.memory.Memory;
import dev.thoth.agent.memory.MemoryContract;
import dev.thoth.agent.memory.MemoryException;
import dev.thoth.agent.memory.MemoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The memory contract on the Letta store, against a local server that follows Letta's
 * published API (a fresh one for each test, so each starts empty), plus what is Letta's
 * own: the agent found by name or created once, the token, and a Letta that fails.
 */
class LettaMemoryContractTests extends MemoryContract {

	static final String TOKEN = "letta-password-for-tests";

	FakeLettaServer letta;

	@Override
	protected MemoryStore newStore() {
		if (this.letta != null) {
			this.letta.close();
		}
		this.letta = new FakeLettaServer(embedder, TOKEN);
		return store(this.letta);
	}

	LettaMemoryStore store(FakeLettaServer server) {
		RestClient rest = RestClient.builder()
			.baseUrl(server.baseUrl())
			.defaultHeader("Authorization", "Bearer " + TOKEN)
			.build();
		LettaClient client = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest))
			.build()
			.createClient(LettaClient.class);
		return new LettaMemoryStore(client, server.baseUrl(), properties, this.jdbc, this.transactions);
	}

	@AfterAll
	void stopLetta() {
		this.letta.close();
	}

	@Test
	void theAgentIsCreatedOnceWithTheBlocksAndFoundByNameAfterARestart() {
		this.memory.append("research_focus", "Crassulacean acid metabolism", "tool");
		assertThat(this.letta.agentsNamed("thoth-contract")).isEqualTo(1);
		// Another replica, or this one restarted: it finds the agent by its name.
		Memory again = new Memory(store(this.letta), this.jdbc, this.transactions, properties);
		assertThat(again.block("research_focus").value()).isEqualTo("Crassulacean acid metabolism");
		assertThat(again.block("human").limit()).isEqualTo(120);
		assertThat(this.letta.agentsNamed("thoth-contract")).isEqualTo(1);
		assertThat(this.letta.requests).contains("POST /v1/agents/")
			.anySatisfy((request) -> assertThat(request)
				.matches("PATCH /v1/agents/agent-.*/core-memory/blocks/research_focus"));
	}

	@Test
	void aLettaThatFailsIsAClearErrorAndNothingIsRecorded() {
		this.memory.set("persona", "A careful research assistant", "api");
		this.letta.failWith(500);
		assertThatThrownBy(() -> this.memory.append("persona", "who cites pages", "tool"))
			.isInstanceOfSatisfying(MemoryException.class, (ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
				assertThat(ex.getMessage()).contains("Letta at " + this.letta.baseUrl()).contains("HTTP 500");
			});
		this.letta.close();
		assertThatThrownBy(() -> this.memory.archive("a passage", "tool")).isInstanceOfSatisfying(MemoryException.class,
				(ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
					assertThat(ex.getMessage()).contains("is not answering");
				});
		assertThat(this.memory.historySize()).isEqualTo(1);
		assertThat(this.memory.promptSection()).contains("could not be read").contains("is not answering");
	}

	@Test
	void withoutTheTokenLettaRefuses() {
		RestClient rest = RestClient.builder().baseUrl(this.letta.baseUrl()).build();
		LettaClient client = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest))
			.build()
			.createClient(LettaClient.class);
		Memory anonymous = new Memory(
				new LettaMemoryStore(client, this.letta.baseUrl(), properties, this.jdbc, this.transactions), this.jdbc,
				this.transactions, properties);
		assertThatThrownBy(anonymous::blocks).hasMessageContaining("HTTP 401");
	}

}
