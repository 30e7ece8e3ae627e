package dev.thoth.mcp.reading;

import java.util.List;
import java.util.UUID;

import dev.thoth.clients.api.PaperText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveEvaluationTests {

	@Test
	void eachPartIsThePapersOwnSentencesWithTheirPages() {
		PaperText text = new PaperText(UUID.randomUUID(), "A study", 3, List.of(
				new PaperText.Page(1, 0,
						"In this paper we investigate whether succulents save water at night. "
								+ "The introduction is long and says nothing else in particular at all.",
						true),
				new PaperText.Page(2, 0,
						"We measured stomatal conductance in a sample of forty plants over a year. "
								+ "Results show that nocturnal opening saves up to 90% of the water.",
						true),
				new PaperText.Page(3, 0, "However, the study is limited to one greenhouse and one species of plant. "
						+ "References [1] Smith, J. Plants at night. 2001.", true)),
				null);
		ReadingTools.Evaluation evaluation = ReadingTools.extractive(text.paperId(), text);
		assertThat(evaluation.question().text()).contains("we investigate whether");
		assertThat(evaluation.question().pages()).containsExactly(1);
		assertThat(evaluation.method().text()).contains("We measured");
		assertThat(evaluation.evidence().text()).contains("Results show");
		assertThat(evaluation.evidence().pages()).containsExactly(2);
		assertThat(evaluation.limitations().text()).contains("limited to one greenhouse");
		assertThat(evaluation.limitations().pages()).containsExactly(3);
		assertThat(evaluation.evaluatedBy()).startsWith("extractive");
	}

}
