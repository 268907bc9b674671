package dev.hubguard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {

	@Test
	void aCellAFormulaWouldStartIsPrefixedWithAnApostrophe() {
		assertThat(Csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(Csv.cell("+1")).isEqualTo("'+1");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.cell("-2")).isEqualTo("'-2");
	}

	@Test
	void fullWidthFormulaSignsAreEscapedToo() {
		assertThat(Csv.cell("＝1+1")).isEqualTo("'＝1+1");
		assertThat(Csv.cell("＋1")).isEqualTo("'＋1");
		assertThat(Csv.cell("＠x")).isEqualTo("'＠x");
	}

	@Test
	void everyPartAfterASemicolonIsEscapedAndTheCellQuoted() {
		assertThat(Csv.cell("note;=cmd|' /C calc'!A0")).isEqualTo("\"note;'=cmd|' /C calc'!A0\"");
		assertThat(Csv.cell("a; +1;b")).isEqualTo("\"a;' +1;b\"");
		assertThat(Csv.cell("a;b")).isEqualTo("\"a;b\"");
	}

	@Test
	void aFormulaAfterLeadingSpacesIsEscaped() {
		assertThat(Csv.cell("  =1")).isEqualTo("'  =1");
	}

	@Test
	void ordinaryTextIsUnchanged() {
		assertThat(Csv.cell("egress.approved")).isEqualTo("egress.approved");
		assertThat(Csv.cell("a, b")).isEqualTo("\"a, b\"");
		assertThat(Csv.cell(null)).isEmpty();
	}

}
