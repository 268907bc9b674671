package dev.hubguard.abuse;

import static dev.hubguard.abuse.SvgChartsTest.HOSTILE;
import static dev.hubguard.abuse.SvgChartsTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Text written into SVG is read back by an XML parser as the same text, never markup. */
class SvgWriterTest {

	@Test
	void hostileTextInAttributeValuesAndTextNodesReadsBackAsTheSameText() throws Exception {
		String markup = SvgWriter.svg("class", HOSTILE)
			.start("g", "class", HOSTILE)
			.element("text", HOSTILE, "x", HOSTILE, "text-anchor", HOSTILE)
			.text(HOSTILE)
			.finish();

		Element svg = parse(markup).getDocumentElement();
		assertThat(svg.getTagName()).isEqualTo("svg");
		assertThat(svg.getAttributes().getLength()).as("xmlns and class").isEqualTo(2);
		assertThat(svg.getAttribute("class")).isEqualTo(HOSTILE);
		Element g = (Element) svg.getFirstChild();
		assertThat(svg.getChildNodes().getLength()).isEqualTo(1);
		assertThat(g.getAttributes().getLength()).isEqualTo(1);
		assertThat(g.getAttribute("class")).isEqualTo(HOSTILE);
		assertThat(g.getChildNodes().getLength()).as("the text element and a text node").isEqualTo(2);
		Element text = (Element) g.getFirstChild();
		assertThat(text.getAttributes().getLength()).isEqualTo(2);
		assertThat(text.getAttribute("x")).isEqualTo(HOSTILE);
		assertThat(text.getAttribute("text-anchor")).isEqualTo(HOSTILE);
		assertThat(text.getChildNodes().getLength()).isEqualTo(1);
		assertThat(text.getTextContent()).isEqualTo(HOSTILE);
		assertThat(g.getLastChild().getNodeValue()).isEqualTo(HOSTILE);
	}

	@Test
	void textXmlCannotHoldBecomesTheReplacementCharacter() throws Exception {
		String markup = SvgWriter.svg().element("title", "bell\u0007 lone\uD800 pair\uD83D\uDE00 \uFFFF").finish();

		assertThat(parse(markup).getDocumentElement().getTextContent())
			.isEqualTo("bell\uFFFD lone\uFFFD pair\uD83D\uDE00 \uFFFD");
	}

	@Test
	void onlyDrawingElementsAndPlainAttributesCanBeWritten() {
		SvgWriter svg = SvgWriter.svg();

		assertThatThrownBy(() -> svg.start("script")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> svg.empty("foreignObject")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> svg.empty("line", "onload", "alert(1)")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> svg.empty("line", "OnClick", "x")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> svg.empty("line", "href", "javascript:alert(1)"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> svg.empty("line", "style", "x")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> svg.empty("line", "x=\"1\" onload", "x")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> svg.empty("line", "x1")).isInstanceOf(IllegalArgumentException.class);
		assertThat(svg.finish()).isEqualTo("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
		assertThatThrownBy(() -> svg.empty("line")).as("after the root is closed")
			.isInstanceOf(IllegalStateException.class);
	}

}
