package dev.thoth.agent.memory;

/** The researcher's core memory blocks, rendered for the system prompt of every turn. */
public interface CoreMemory {

	String promptSection();

}
