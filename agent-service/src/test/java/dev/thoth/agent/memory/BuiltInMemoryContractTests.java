package dev.thoth.agent.memory;

/** The memory contract on the built-in store, in PostgreSQL. */
class BuiltInMemoryContractTests extends MemoryContract {

	@Override
	protected MemoryStore newStore() {
		this.jdbc.sql("truncate memory_passages").update();
		this.jdbc.sql("update memory_blocks set value = ''").update();
		return new BuiltInMemoryStore(this.jdbc, embedder);
	}

}
