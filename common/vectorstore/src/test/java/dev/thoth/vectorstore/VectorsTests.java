package dev.thoth.vectorstore;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VectorsTests {

	private final Random random = new Random(42);

	@Test
	void theScanDotProductMatchesTheDoubleSumForAnyLengthAndOffset() {
		for (int length : new int[] { 0, 1, 3, 4, 5, 7, 384, 385 }) {
			float[] query = Vectors.normalized(randomVector(length));
			float[] matrix = new float[3 * length + 2];
			float[] row = Vectors.normalized(randomVector(length));
			int offset = length + 1;
			System.arraycopy(row, 0, matrix, offset, length);
			assertThat((double) Vectors.dot(query, matrix, offset)).as("length %d", length)
				.isCloseTo(Vectors.dot(query, row), within(1e-5));
		}
	}

	@Test
	void theScanDotProductOfAUnitVectorWithItselfIsOne() {
		float[] unit = Vectors.normalized(randomVector(384));
		assertThat((double) Vectors.dot(unit, unit, 0)).isCloseTo(1.0, within(1e-5));
	}

	private float[] randomVector(int length) {
		float[] vector = new float[length];
		for (int i = 0; i < length; i++) {
			vector[i] = (float) this.random.nextGaussian();
		}
		return vector;
	}

}
