package dev.thoth.vectorstore;

/** Small vector helpers. */
final class Vectors {

	private Vectors() {
	}

	/** A unit-length copy of the vector (the zero vector stays zero). */
	static float[] normalized(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		float[] result = vector.clone();
		if (sum == 0) {
			return result;
		}
		double norm = Math.sqrt(sum);
		for (int i = 0; i < result.length; i++) {
			result[i] = (float) (result[i] / norm);
		}
		return result;
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	/**
	 * The dot product of {@code query} with the {@code query.length} floats of
	 * {@code matrix} from {@code offset}: the inner loop of the exact vector scan. Four
	 * float sums run side by side, so the additions do not wait for each other and the
	 * loop jumps a quarter as often: 1.1 to 1.35 times as fast as one double sum with C1,
	 * the services' default compiler (bench/results/search-latency.md, two runs). The
	 * result differs from the double sum by float rounding only (about 1e-7 for unit
	 * vectors).
	 */
	static float dot(float[] query, float[] matrix, int offset) {
		int length = query.length;
		int end = length - (length % 4);
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		for (int i = 0; i < end; i += 4) {
			s0 += query[i] * matrix[offset + i];
			s1 += query[i + 1] * matrix[offset + i + 1];
			s2 += query[i + 2] * matrix[offset + i + 2];
			s3 += query[i + 3] * matrix[offset + i + 3];
		}
		for (int i = end; i < length; i++) {
			s0 += query[i] * matrix[offset + i];
		}
		return (s0 + s1) + (s2 + s3);
	}

	/** Cosine similarity of two vectors of the same length. */
	static double cosine(float[] a, float[] b) {
		if (a.length != b.length) {
			throw new IllegalArgumentException("vectors differ in length: " + a.length + " and " + b.length);
		}
		double dot = 0;
		double na = 0;
		double nb = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			na += a[i] * a[i];
			nb += b[i] * b[i];
		}
		return (na == 0 || nb == 0) ? 0 : dot / Math.sqrt(na * nb);
	}

}
