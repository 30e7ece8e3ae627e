package dev.thoth.agent.memory;

/** The core memory blocks, rendered for the system prompt of every turn. */
public interface CoreMemory {

	String promptSection();

}
