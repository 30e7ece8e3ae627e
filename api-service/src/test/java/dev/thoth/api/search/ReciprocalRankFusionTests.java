package dev.thoth.api.search;

import java.util.List;
import java.util.UUID;

import dev.thoth.vectorstore.Hit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReciprocalRankFusionTests {

	private static final UUID PAPER = UUID.randomUUID();

	private final Hit a = hit("a", 12.0);

	private final Hit b = hit("b", 0.91);

	private final Hit c = hit("c", 0.5);

	private final Hit d = hit("d", 7.0);

	@Test
	void aPassageBothRankersLikeBeatsOneOnlyOneRankerPutsFirst() {
		List<Hit> fused = ReciprocalRankFusion.fuse(10,
				List.of(List.of(this.a, this.b, this.c), List.of(this.b, this.d, this.a)));
		assertThat(fused).extracting(Hit::text).containsExactly("b", "a", "d", "c");
		assertThat(fused.getFirst().score()).isEqualTo(1.0 / 62 + 1.0 / 61);
	}

	@Test
	void scoresOfTheRankersDoNotMatterOnlyTheirOrder() {
		Hit huge = hit("huge", 1_000_000);
		List<Hit> fused = ReciprocalRankFusion.fuse(10, List.of(List.of(this.a, huge), List.of(this.a)));
		assertThat(fused).extracting(Hit::text).containsExactly("a", "huge");
	}

	@Test
	void theLimitCutsAndEmptyRankingsAreFine() {
		assertThat(ReciprocalRankFusion.fuse(2, List.of(List.of(this.a, this.b, this.c), List.of())))
			.extracting(Hit::text)
			.containsExactly("a", "b");
		assertThat(ReciprocalRankFusion.fuse(5, List.of(List.of(), List.of()))).isEmpty();
	}

	private static Hit hit(String text, double score) {
		return new Hit(UUID.nameUUIDFromBytes(text.getBytes()), PAPER, 1, null, text, score);
	}

}
