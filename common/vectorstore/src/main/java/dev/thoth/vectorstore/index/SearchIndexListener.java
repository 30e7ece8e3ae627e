package dev.thoth.vectorstore.index;

import java.util.function.Consumer;

/** Hears a rebuild's progress (the API turns it into events on its event stream). */
public interface SearchIndexListener extends Consumer<SearchIndex.Progress> {

}
