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
