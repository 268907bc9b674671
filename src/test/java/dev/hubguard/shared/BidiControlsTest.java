package dev.hubguard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BidiControlsTest {

	@Test
	void everyDirectionControlIsFoundWhereverItStands() {
		IntStream.of(0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)
			.forEach(control -> {
				String c = Character.toString(control);
				assertThat(BidiControls.contains(c)).isTrue();
				assertThat(BidiControls.contains("1234" + c + "exe.pdf")).isTrue();
				assertThat(BidiControls.contains("\uD83D\uDE00" + c)).as("after a surrogate pair").isTrue();
				assertThat(BidiControls.visible("a" + c + "b")).isEqualTo("a[U+%04X]b".formatted(control));
			});
	}

	@Test
	void textWithoutControlsIsLeftAlone() {
		for (String text : new String[] { "", "plain ascii", "\u061B\u061D\u200D\u2010\u2029\u202F\u2065\u206A",
				"emoji \uD83D\uDE00 and Ελληνικά, العربية" }) {
			assertThat(BidiControls.contains(text)).as(text).isFalse();
			assertThat(BidiControls.visible(text)).isEqualTo(text);
		}
		assertThat(BidiControls.contains(null)).isFalse();
	}

}
