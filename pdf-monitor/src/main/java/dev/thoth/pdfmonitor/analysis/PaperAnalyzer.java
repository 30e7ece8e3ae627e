package dev.thoth.pdfmonitor.analysis;

import java.util.List;

/**
 * The analysis stage: the configured model when there is one, the offline analyzer when
 * there is none. A model that fails is an error of this stage, never silently replaced.
 */
public class PaperAnalyzer {

	private final LlmAnalyzer model;

	private final OfflineAnalyzer offline;

	/**
	 * @param model the model's analyzer, or null when no model is configured
	 */
	public PaperAnalyzer(LlmAnalyzer model, OfflineAnalyzer offline) {
		this.model = model;
		this.offline = offline;
	}

	public Analysis analyze(String title, String abstractText, String body, List<String> keywords) {
		if (this.model != null) {
			return this.model.analyze(title, abstractText, body);
		}
		return this.offline.analyze(title, abstractText, body, keywords);
	}

	public boolean usesModel() {
		return this.model != null;
	}

}
