package dev.thoth.pdfmonitor.ocr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Tesseract's hOCR output: lines with their baseline and x-height, words with their
 * box and confidence, converted from pixels to PDF points.
 */
final class Hocr {

	/** The classes Tesseract gives to a line of text. */
	private static final Set<String> LINE_CLASSES = Set.of("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat");

	/**
	 * Words Tesseract is less sure of are dropped: below this they are almost always
	 * formulas, figures or specks read as letters, noise in both the text and the
	 * metadata.
	 */
	static final int MINIMUM_CONFIDENCE = 30;

	/** A number in brackets, perhaps followed by a punctuation mark. */
	private static final Pattern BRACKETED_NUMBER = Pattern.compile("([\\[{(])(\\d{1,3})([\\]})])([.,;:]?)");

	/** A typical x-height in em (Times 0.45, Computer Modern 0.43, Helvetica 0.52). */
	private static final float X_HEIGHT = 0.45f;

	private Hocr() {
	}

	/**
	 * @param hocr the hOCR document
	 * @param dpi the resolution of the image Tesseract read
	 * @param imageWidth the image width in pixels
	 * @param imageHeight the image height in pixels
	 */
	static OcrPage parse(byte[] hocr, int dpi, int imageWidth, int imageHeight) throws IOException {
		float scale = 72f / dpi;
		List<List<OcrWord>> lines = new ArrayList<>();
		collectLines(parseXml(hocr).getDocumentElement(), scale, lines);
		return new OcrPage(imageWidth * scale, imageHeight * scale, lines);
	}

	private static org.w3c.dom.Document parseXml(byte[] hocr) throws IOException {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			// Tesseract names the XHTML DTD; it must never be fetched, and nothing else
			// external either.
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			// Fatal errors throw, as they should; nothing is printed to standard error.
			builder.setErrorHandler(new DefaultHandler());
			return builder.parse(new ByteArrayInputStream(hocr));
		}
		catch (ParserConfigurationException | SAXException ex) {
			throw new IOException("Tesseract's hOCR output could not be read: " + ex.getMessage(), ex);
		}
	}

	private static void collectLines(Element element, float scale, List<List<OcrWord>> lines) {
		if (LINE_CLASSES.contains(element.getAttribute("class"))) {
			addLine(lines, line(element, fontSize(element), scale));
			return;
		}
		if ("ocr_par".equals(element.getAttribute("class"))) {
			// A paragraph is set in one size, and the median of its lines' estimates
			// steadies them: the two lines of a title must not come out a point apart.
			List<Element> paragraph = children(element, LINE_CLASSES);
			float[] sizes = new float[paragraph.size()];
			for (int i = 0; i < sizes.length; i++) {
				sizes[i] = fontSize(paragraph.get(i));
			}
			Arrays.sort(sizes);
			float median = (sizes.length == 0) ? 0 : (sizes[(sizes.length - 1) / 2] + sizes[sizes.length / 2]) / 2;
			for (Element line : paragraph) {
				addLine(lines, line(line, median, scale));
			}
			return;
		}
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element nested) {
				collectLines(nested, scale, lines);
			}
		}
	}

	private static void addLine(List<List<OcrWord>> lines, List<OcrWord> line) {
		if (!line.isEmpty()) {
			lines.add(line);
		}
	}

	/** The line's words in points, each on the line's baseline where it crosses it. */
	private static List<OcrWord> line(Element line, float fontSize, float scale) {
		Map<String, float[]> properties = properties(line.getAttribute("title"));
		float[] box = properties.get("bbox");
		if (box == null || box.length < 4) {
			return List.of();
		}
		// "baseline 0.002 -9": slope, and offset from the bottom of the line's box.
		float[] baseline = properties.getOrDefault("baseline", new float[] { 0, 0 });
		float slope = (baseline.length > 0) ? baseline[0] : 0;
		float offset = (baseline.length > 1) ? baseline[1] : 0;
		List<OcrWord> words = new ArrayList<>();
		for (Element word : children(line, Set.of("ocrx_word"))) {
			String text = brackets(word.getTextContent().replaceAll("\\s+", ""));
			Map<String, float[]> wordProperties = properties(word.getAttribute("title"));
			float[] wordBox = wordProperties.get("bbox");
			float[] confidence = wordProperties.getOrDefault("x_wconf", new float[] { 0 });
			if (text.isEmpty() || wordBox == null || wordBox.length < 4 || confidence.length == 0
					|| confidence[0] < MINIMUM_CONFIDENCE) {
				continue;
			}
			float center = (wordBox[0] + wordBox[2]) / 2;
			float y = box[3] + offset + slope * (center - box[0]);
			words.add(new OcrWord(text, wordBox[0] * scale, y * scale, (wordBox[2] - wordBox[0]) * scale,
					fontSize * scale, Math.round(confidence[0])));
		}
		return words;
	}

	/**
	 * Tesseract often misreads one square bracket of a numbered reference or citation:
	 * {1] and (3] are [1] and [3].
	 */
	static String brackets(String word) {
		Matcher number = BRACKETED_NUMBER.matcher(word);
		if (number.matches() && number.group(1).equals("[") != number.group(3).equals("]")) {
			return "[" + number.group(2) + "]" + number.group(4);
		}
		return word;
	}

	/**
	 * The font size in pixels. Tesseract's x_size (ascender to descender) swings with the
	 * letters a line happens to hold; the x-height left after its ascender and descender
	 * estimates does not.
	 */
	private static float fontSize(Element line) {
		Map<String, float[]> properties = properties(line.getAttribute("title"));
		float[] size = properties.get("x_size");
		float[] ascenders = properties.get("x_ascenders");
		float[] descenders = properties.get("x_descenders");
		if (size != null && ascenders != null && descenders != null) {
			float xHeight = size[0] - ascenders[0] - descenders[0];
			if (xHeight > 0) {
				return xHeight / X_HEIGHT;
			}
		}
		if (size != null && size[0] > 0) {
			return size[0];
		}
		float[] box = properties.get("bbox");
		return (box != null && box.length == 4) ? box[3] - box[1] : 0;
	}

	private static List<Element> children(Element parent, Set<String> classes) {
		List<Element> children = new ArrayList<>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element && classes.contains(element.getAttribute("class"))) {
				children.add(element);
			}
		}
		return children;
	}

	/** "bbox 1 2 3 4; x_wconf 96" as bbox → [1, 2, 3, 4], x_wconf → [96]. */
	static Map<String, float[]> properties(String title) {
		Map<String, float[]> properties = new HashMap<>();
		for (String part : title.split(";")) {
			String[] tokens = part.strip().split("\\s+");
			if (tokens.length < 2) {
				continue;
			}
			float[] values = new float[tokens.length - 1];
			try {
				for (int i = 1; i < tokens.length; i++) {
					values[i - 1] = Float.parseFloat(tokens[i]);
				}
			}
			catch (NumberFormatException ex) {
				continue; // image "name.png" and the like
			}
			properties.put(tokens[0], values);
		}
		return properties;
	}

}
