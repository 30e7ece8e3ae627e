package dev.thoth.api.graph;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.thoth.clients.api.CitationGraph;
import dev.thoth.clients.api.GraphEdge;
import dev.thoth.clients.api.GraphNode;

/**
 * The citation graph as GraphML (yEd, Gephi, Cytoscape, NetworkX) and as Graphviz DOT.
 * Titles come from PDFs and may hold anything: XML escaping is left to the JDK's writer,
 * after characters that XML 1.0 cannot carry at all are replaced; DOT strings are escaped
 * here.
 */
final class GraphFormats {

	private static final String GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";

	private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

	private GraphFormats() {
	}

	static String graphMl(CitationGraph graph) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("graphml");
			xml.writeDefaultNamespace(GRAPHML_NS);
			xml.writeNamespace("xsi", XSI_NS);
			xml.writeAttribute(XSI_NS, "schemaLocation",
					GRAPHML_NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
			key(xml, "truncated", "graph", "truncated", "boolean");
			key(xml, "title", "node", "title", "string");
			key(xml, "year", "node", "year", "int");
			key(xml, "inLibrary", "node", "inLibrary", "boolean");
			xml.writeStartElement("graph");
			xml.writeAttribute("id", "citations");
			xml.writeAttribute("edgedefault", "directed");
			data(xml, "truncated", String.valueOf(graph.truncated()));
			for (GraphNode node : graph.nodes()) {
				xml.writeStartElement("node");
				xml.writeAttribute("id", node.id().toString());
				if (node.title() != null) {
					data(xml, "title", xmlChars(node.title()));
				}
				if (node.year() != null) {
					data(xml, "year", node.year().toString());
				}
				data(xml, "inLibrary", String.valueOf(node.inLibrary()));
				xml.writeEndElement();
			}
			int n = 0;
			for (GraphEdge edge : graph.edges()) {
				xml.writeEmptyElement("edge");
				xml.writeAttribute("id", "e" + n++);
				xml.writeAttribute("source", edge.source().toString());
				xml.writeAttribute("target", edge.target().toString());
			}
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Could not write GraphML", ex);
		}
		return out.append('\n').toString();
	}

	static String dot(CitationGraph graph) {
		StringBuilder dot = new StringBuilder("digraph citations {\n");
		if (graph.truncated()) {
			dot.append("  // truncated: the limit left papers out\n");
		}
		dot.append("  node [shape=box];\n");
		for (GraphNode node : graph.nodes()) {
			String label = ((node.title() != null) ? node.title() : "Untitled")
					+ ((node.year() != null) ? " (" + node.year() + ")" : "");
			dot.append("  ").append(dotString(node.id().toString())).append(" [label=").append(dotString(label));
			if (node.year() != null) {
				dot.append(", year=").append(node.year());
			}
			dot.append("];\n");
		}
		for (GraphEdge edge : graph.edges()) {
			dot.append("  ")
				.append(dotString(edge.source().toString()))
				.append(" -> ")
				.append(dotString(edge.target().toString()))
				.append(";\n");
		}
		return dot.append("}\n").toString();
	}

	/**
	 * A DOT double-quoted string. Graphviz reads {@code \"} as a quote and, in labels,
	 * {@code \\} as a backslash and {@code \n} as a line break; other control characters
	 * become spaces.
	 */
	static String dotString(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> {
					quoted.append("\\n");
					if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
						i++;
					}
				}
				default -> quoted.append(Character.isISOControl(c) ? ' ' : c);
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * The text with each character XML 1.0 does not allow, even escaped, replaced by
	 * U+FFFD.
	 */
	static String xmlChars(String text) {
		StringBuilder clean = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> {
			boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
					|| (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
			clean.appendCodePoint(allowed ? c : 0xFFFD);
		});
		return clean.toString();
	}

	private static void key(XMLStreamWriter xml, String id, String scope, String name, String type)
			throws XMLStreamException {
		xml.writeEmptyElement("key");
		xml.writeAttribute("id", id);
		xml.writeAttribute("for", scope);
		xml.writeAttribute("attr.name", name);
		xml.writeAttribute("attr.type", type);
	}

	private static void data(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
		xml.writeStartElement("data");
		xml.writeAttribute("key", key);
		xml.writeCharacters(value);
		xml.writeEndElement();
	}

}
