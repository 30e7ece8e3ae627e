package dev.thoth.agent.memory.letta;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.thoth.agent.memory.ArchivedPassage;
import dev.thoth.agent.memory.MemoryException;
import dev.thoth.agent.memory.MemoryProperties;
import dev.thoth.agent.memory.MemoryStore;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;

/**
 * The memory held by one agent on a Letta server (THOTH_LETTA_URL): its core memory
 * blocks and its archival memory, which Letta embeds and searches itself. The agent is
 * found by name, or created with the four blocks on first use (once, across replicas: an
 * advisory lock in PostgreSQL guards the creation).
 */
public class LettaMemoryStore implements MemoryStore {

	/** Arbitrary, fixed: the advisory lock that guards creating the Letta agent. */
	private static final long CREATE_LOCK = 0x7407_4c45_5454L;

	/** Letta's page size when passages are listed to find one by id. */
	private static final int PAGE = 100;

	private final LettaClient letta;

	private final String url;

	private final MemoryProperties properties;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private volatile String agentId;

	LettaMemoryStore(LettaClient letta, String url, MemoryProperties properties, JdbcClient jdbc,
			TransactionTemplate transactions) {
		this.letta = letta;
		this.url = url;
		this.properties = properties;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public String name() {
		return "letta";
	}

	@Override
	public List<LabelledValue> blocks() {
		return call("read the memory blocks",
				() -> this.letta.blocks(agentId())
					.stream()
					.map((block) -> new LabelledValue(block.label(), (block.value() != null) ? block.value() : ""))
					.toList());
	}

	@Override
	public String block(String label) {
		return call("read the block '" + label + "'", () -> {
			try {
				String value = this.letta.block(agentId(), label).value();
				return (value != null) ? value : "";
			}
			catch (HttpClientErrorException.NotFound ex) {
				// The agent was made without this block: it is empty until written.
				return "";
			}
		});
	}

	@Override
	public void write(String label, String value, int limit) {
		call("write the block '" + label + "'", () -> {
			String agent = agentId();
			try {
				return this.letta.modifyBlock(agent, label, new LettaClient.BlockUpdate(value, limit));
			}
			catch (HttpClientErrorException.NotFound ex) {
				LettaClient.Block block = this.letta.createBlock(new LettaClient.CreateBlock(label, value, limit));
				this.letta.attachBlock(agent, block.id());
				return block;
			}
		});
	}

	@Override
	public ArchivedPassage insert(String text) {
		return call("store a passage", () -> {
			List<LettaClient.Passage> stored = this.letta.createPassage(agentId(), new LettaClient.CreatePassage(text));
			if (stored == null || stored.isEmpty()) {
				throw new MemoryException(HttpStatus.BAD_GATEWAY, "Letta at " + this.url + " stored no passage");
			}
			// Letta may split a long text into several passages; the first one names it.
			return passage(stored.getFirst());
		});
	}

	@Override
	public Optional<ArchivedPassage> passage(String id) {
		return call("find a passage", () -> {
			String agent = agentId();
			String after = null;
			while (true) {
				List<LettaClient.Passage> page = this.letta.passages(agent, after, PAGE, true);
				for (LettaClient.Passage passage : page) {
					if (id.equals(passage.id())) {
						return Optional.of(passage(passage));
					}
				}
				if (page.size() < PAGE) {
					return Optional.empty();
				}
				after = page.getLast().id();
			}
		});
	}

	@Override
	public boolean delete(String id) {
		return call("delete a passage", () -> {
			try {
				this.letta.deletePassage(agentId(), id);
				return true;
			}
			catch (HttpClientErrorException.NotFound ex) {
				return false;
			}
		});
	}

	@Override
	public List<ArchivedPassage> search(String query, int k) {
		return call("search archival memory", () -> {
			LettaClient.SearchResponse response = this.letta.search(agentId(), query, k);
			List<ArchivedPassage> hits = new ArrayList<>();
			// Letta returns the closest first and no score.
			for (LettaClient.SearchResult result : (response.results() != null) ? response.results()
					: List.<LettaClient.SearchResult>of()) {
				hits.add(new ArchivedPassage(result.id(), result.content(), instant(result.timestamp()), null));
			}
			return hits.stream().limit(k).toList();
		});
	}

	@Override
	public List<ArchivedPassage> recent(int limit) {
		return call("list archival memory",
				() -> this.letta.passages(agentId(), null, limit, false)
					.stream()
					.map(LettaMemoryStore::passage)
					.toList());
	}

	/** The Letta agent's id: found by name, or created with the core blocks. */
	String agentId() {
		String id = this.agentId;
		if (id != null) {
			return id;
		}
		synchronized (this) {
			if (this.agentId == null) {
				this.agentId = this.transactions.execute((status) -> {
					this.jdbc.sql("select pg_advisory_xact_lock(?)").param(CREATE_LOCK).query((rs) -> {
					});
					String name = this.properties.letta().agentName();
					List<LettaClient.Agent> found = this.letta.agents(name, 1);
					if (found != null && !found.isEmpty()) {
						return found.getFirst().id();
					}
					List<LettaClient.CreateBlock> blocks = MemoryProperties.LABELS.stream()
						.map((label) -> new LettaClient.CreateBlock(label, "", this.properties.limitOf(label)))
						.toList();
					return this.letta
						.createAgent(new LettaClient.CreateAgent(name, blocks, this.properties.letta().model(),
								this.properties.letta().embedding()))
						.id();
				});
			}
			return this.agentId;
		}
	}

	private <T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (HttpStatusCodeException ex) {
			throw new MemoryException(HttpStatus.BAD_GATEWAY, "Letta at " + this.url + " could not " + what + " (HTTP "
					+ ex.getStatusCode().value() + ": " + detail(ex) + "); nothing was changed", ex);
		}
		catch (ResourceAccessException ex) {
			throw new MemoryException(HttpStatus.SERVICE_UNAVAILABLE,
					"Letta at " + this.url + " is not answering; nothing was changed. Try again in a minute", ex);
		}
	}

	private static String detail(HttpStatusCodeException ex) {
		String body = ex.getResponseBodyAsString();
		return (body.length() > 300) ? body.substring(0, 300) + "…" : body;
	}

	private static ArchivedPassage passage(LettaClient.Passage passage) {
		return new ArchivedPassage(passage.id(), passage.text(), instant(passage.createdAt()), null);
	}

	/** Letta writes times with or without an offset (UTC when without). */
	static Instant instant(String time) {
		if (time == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(time).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(time).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notIso) {
				return null;
			}
		}
	}

}
