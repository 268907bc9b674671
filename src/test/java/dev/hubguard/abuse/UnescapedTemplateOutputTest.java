package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pages write nothing unescaped but the charts, which {@link SvgWriter} builds: a new
 * unescaped output has to be looked at (and added here) before it can carry outside text.
 */
class UnescapedTemplateOutputTest {

	static final Path TEMPLATES = Path.of("src/main/resources/templates");

	static final Pattern UNESCAPED = Pattern.compile("th:utext=\"([^\"]*)\"|\\[\\((.*?)\\)]|th:inline=\"([^\"]*)\"");

	@Test
	void onlyTheChartsAreWrittenUnescaped() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				Matcher matcher = UNESCAPED.matcher(Files.readString(file));
				while (matcher.find()) {
					found.add(TEMPLATES.relativize(file) + ": " + matcher.group());
				}
			}
		}

		assertThat(found).containsExactlyInAnyOrder("abuse/list.html: th:utext=\"${chart}\"",
				"abuse/report.html: th:utext=\"${usage.memoryChart}\"",
				"abuse/report.html: th:utext=\"${usage.cpuChart}\"");
	}

}
