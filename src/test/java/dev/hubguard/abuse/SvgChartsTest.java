package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The charts are markup built from data: whatever text goes in comes out as text, read
 * back by a real XML parser, and adds no element or attribute.
 */
class SvgChartsTest {

	/** Text an alert label could carry, aimed at every context it could land in. */
	static final String HOSTILE = "jupyter-zzxss\"/><svg onload=alert(1)><title>x</title>'><script>alert(1)</script>"
			+ "&amp;&#60;{{7*7}}[[${7*7}]][(${7*7})]javascript:alert(1)\r\nline two\ttab]]><!-- -->";

	static final Set<String> ELEMENTS = Set.of("svg", "title", "line", "text", "g", "polygon", "polyline", "rect");

	static final Set<String> ATTRIBUTES = Set.of("xmlns", "class", "viewBox", "role", "x", "y", "x1", "y1", "x2", "y2",
			"width", "height", "text-anchor", "transform", "points", "fill");

	static final Instant END = Instant.parse("2024-05-02T12:00:00Z");

	static SvgCharts.Usage usage(String title) {
		List<SvgCharts.Point> points = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			points.add(new SvgCharts.Point(END.minusSeconds(3600 - i * 60), 1e9 + i * 1e7));
		}
		return new SvgCharts.Usage(title, SvgCharts.Unit.GIB, points, 4.0 * 1024 * 1024 * 1024,
				List.of(END.minusSeconds(1800)), END.minusSeconds(6 * 3600), END);
	}

	static Document parse(String svg) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		DocumentBuilder builder = factory.newDocumentBuilder();
		// Fails on the first error, without printing it.
		builder.setErrorHandler(new DefaultHandler());
		return builder.parse(new InputSource(new StringReader(svg)));
	}

	/** Every element and attribute is one the chart writes; no comment or CDATA. */
	static void assertOnlyChartMarkup(Node node) {
		if (node instanceof Element element) {
			assertThat(element.getTagName()).as("element").isIn(ELEMENTS);
			NamedNodeMap attributes = element.getAttributes();
			for (int i = 0; i < attributes.getLength(); i++) {
				assertThat(attributes.item(i).getNodeName()).as("attribute of <%s>", element.getTagName())
					.isIn(ATTRIBUTES);
			}
		}
		else {
			assertThat(node.getNodeType()).as("node %s", node).isEqualTo(Node.TEXT_NODE);
		}
		NodeList children = node.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			assertOnlyChartMarkup(children.item(i));
		}
	}

	@Test
	void hostileTextInAUsageChartsTitleStaysTheTitlesText() throws Exception {
		Document chart = parse(SvgCharts.usage(usage(HOSTILE)));

		Element svg = chart.getDocumentElement();
		assertThat(svg.getTagName()).isEqualTo("svg");
		assertOnlyChartMarkup(svg);
		assertThat(svg.getElementsByTagName("svg").getLength()).as("no nested svg").isZero();
		Node title = svg.getFirstChild();
		assertThat(title.getNodeName()).isEqualTo("title");
		assertThat(title.getTextContent()).isEqualTo(HOSTILE);
		assertThat(title.getChildNodes().getLength()).as("one text node").isEqualTo(1);
	}

	@Test
	void aUsageChartWithoutDataIsStillOnlyChartMarkup() throws Exception {
		SvgCharts.Usage empty = new SvgCharts.Usage(HOSTILE, SvgCharts.Unit.CORES, List.of(), null, List.of(),
				END.minusSeconds(6 * 3600), END);

		Element svg = parse(SvgCharts.usage(empty)).getDocumentElement();

		assertOnlyChartMarkup(svg);
		assertThat(svg.getFirstChild().getTextContent()).isEqualTo(HOSTILE);
		assertThat(svg.getTextContent()).contains("no data in this period", "cores");
	}

	@Test
	void theAlertsPerDayChartIsOnlyChartMarkup() throws Exception {
		List<SvgCharts.Day> days = new ArrayList<>();
		for (int i = 0; i < 14; i++) {
			days.add(new SvgCharts.Day(END.minusSeconds(86400L * (14 - i)), i, 14 - i));
		}

		Element svg = parse(SvgCharts.bars(days)).getDocumentElement();

		assertOnlyChartMarkup(svg);
		assertThat(svg.getElementsByTagName("rect").getLength()).isEqualTo(28);
	}

}
