package dev.thoth.discovery.sources;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * XML from the sources (arXiv's Atom, PubMed's efetch), parsed safely: PubMed's answers
 * declare a DTD, so a DOCTYPE is allowed, but nothing external is ever loaded (no DTD, no
 * external entity) and entity expansion is bounded.
 */
final class Xml {

	private Xml() {
	}

	static Document parse(String source, String xml) throws SourceException {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			return builder.parse(new InputSource(new StringReader(xml)));
		}
		catch (SAXException | IOException ex) {
			throw new SourceException("malformed", source + " answered XML that cannot be read: " + ex.getMessage(),
					ex);
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("the JDK's XML parser lacks a secure setting", ex);
		}
	}

	/** The element's children with this local name (any namespace when null). */
	static List<Element> children(Element parent, String namespace, String name) {
		List<Element> found = new ArrayList<>();
		if (parent == null) {
			return found;
		}
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && name.equals(element.getLocalName())
					&& (namespace == null || namespace.equals(element.getNamespaceURI()))) {
				found.add(element);
			}
		}
		return found;
	}

	static Element child(Element parent, String namespace, String name) {
		List<Element> found = children(parent, namespace, name);
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * The text of the first child with that name, squashed; null when absent or blank.
	 */
	static String text(Element parent, String namespace, String name) {
		return text(child(parent, namespace, name));
	}

	static String text(Element element) {
		if (element == null) {
			return null;
		}
		String text = Text.squash(element.getTextContent());
		return text.isEmpty() ? null : text;
	}

	/** The element at this path of local names below the parent (no namespace check). */
	static Element path(Element parent, String... names) {
		Element current = parent;
		for (String name : names) {
			current = child(current, null, name);
			if (current == null) {
				return null;
			}
		}
		return current;
	}

}
