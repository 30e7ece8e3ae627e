package dev.thoth.pdfmonitor.ocr;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.within;

/** Tesseract 5.3's hOCR, as it prints it (cut from the corpus scan's first page). */
class HocrTests {

	private static final String PAGE = """
			<?xml version="1.0" encoding="UTF-8"?>
			<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
			    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
			<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
			 <head>
			  <title></title>
			  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
			  <meta name='ocr-system' content='tesseract 5.3.0' />
			 </head>
			 <body>
			  <div class='ocr_page' id='page_1' title='image "p1.png"; bbox 0 0 2123 2970; ppageno 0; scan_res 300 300'>
			   <div class='ocr_carea' id='block_1_2' title="bbox 138 196 993 280">
			    <p class='ocr_par' id='par_1_2' lang='eng' title="bbox 138 196 993 280">
			     <span class='ocr_line' id='line_1_2' title="bbox 138 196 993 238; baseline 0 -8; x_size 43; x_descenders 9; x_ascenders 11">
			      <span class='ocrx_word' id='word_1_2' title='bbox 138 197 244 230; x_wconf 93'>Exact</span>
			      <span class='ocrx_word' id='word_1_3' title='bbox 256 197 514 238; x_wconf 91'>Solitary-wave</span>
			     </span>
			     <span class='ocr_line' id='line_1_3' title="bbox 138 246 888 280; baseline 0 -1; x_size 38.709618; x_descenders 5.709619; x_ascenders 11">
			      <span class='ocrx_word' id='word_1_8' title='bbox 138 246 348 280; x_wconf 91'>Fifth-order</span>
			      <span class='ocrx_word' id='word_1_9' title='bbox 359 247 507 279; x_wconf 9'>Sh&amp;</span>
			     </span>
			    </p>
			   </div>
			   <div class='ocr_carea' id='block_1_9' title="bbox 128 1303 1028 1390">
			    <p class='ocr_par' id='par_1_9' lang='eng' title="bbox 128 1303 1028 1390">
			     <span class='ocr_line' id='line_1_20' title="bbox 128 1303 1028 1342; baseline 0.001 -9; x_size 37; x_descenders 8; x_ascenders 8">
			      <span class='ocrx_word' id='word_1_90' title='bbox 128 1303 200 1334; x_wconf 96'>{1]</span>
			      <span class='ocrx_word' id='word_1_91' title='bbox 228 1303 300 1334; x_wconf 96'>&quot;where&quot;</span>
			     </span>
			    </p>
			   </div>
			  </div>
			 </body>
			</html>
			""";

	@Test
	void linesAndWordsComeInPointsWithTheirBaselineAndSize() throws Exception {
		OcrPage page = Hocr.parse(PAGE.getBytes(StandardCharsets.UTF_8), 300, 2123, 2970);
		assertThat(page.width()).isCloseTo(509.52f, within(0.01f));
		assertThat(page.height()).isCloseTo(712.8f, within(0.01f));
		assertThat(page.lines()).hasSize(3);
		OcrWord exact = page.lines().get(0).get(0);
		assertThat(exact.text()).isEqualTo("Exact");
		assertThat(exact.x()).isCloseTo(138 * 0.24f, within(0.01f));
		assertThat(exact.width()).isCloseTo(106 * 0.24f, within(0.01f));
		// the line's box ends at 238, its baseline 8 pixels higher
		assertThat(exact.baseline()).isCloseTo(230 * 0.24f, within(0.01f));
		assertThat(exact.confidence()).isEqualTo(93);
		// x-heights 23 and 22 pixels: one size for the paragraph, 22.5 / 0.45 em
		assertThat(page.lines().subList(0, 2)).allSatisfy(
				(line) -> assertThat(line).allSatisfy((word) -> assertThat(word.size()).isCloseTo(12f, within(0.01f))));
		assertThat(page.lines().get(2).get(0).size()).isCloseTo(21 / 0.45f * 0.24f, within(0.01f));
		// a word read with 9% confidence is dropped
		assertThat(page.lines().get(1)).extracting(OcrWord::text).containsExactly("Fifth-order");
		assertThat(page.lines().get(2)).extracting(OcrWord::text).containsExactly("[1]", "\"where\"");
		assertThat(page.characters()).isEqualTo(5 + 13 + 11 + 3 + 7);
	}

	@Test
	void aMisreadSquareBracketIsRepaired() {
		assertThat(Hocr.brackets("{1]")).isEqualTo("[1]");
		assertThat(Hocr.brackets("(3]")).isEqualTo("[3]");
		assertThat(Hocr.brackets("[12),")).isEqualTo("[12],");
		assertThat(Hocr.brackets("[4]")).isEqualTo("[4]");
		assertThat(Hocr.brackets("(1)")).isEqualTo("(1)");
		assertThat(Hocr.brackets("{2}")).isEqualTo("{2}");
		assertThat(Hocr.brackets("(2-4]")).isEqualTo("(2-4]");
	}

	@Test
	void somethingElseThanHocrIsAnError() {
		assertThatIOException().isThrownBy(() -> Hocr.parse("Tesseract Open Source OCR Engine".getBytes(), 300, 1, 1))
			.withMessageStartingWith("Tesseract's hOCR output could not be read");
	}

}
