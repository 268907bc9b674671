package dev.hubguard.abuse;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.hubguard.abuse.CryptnonoLogParser.Outcome;
import dev.hubguard.abuse.CryptnonoLogParser.ParseResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every line goes through, whichever cryptnono container wrote it. */
class CryptnonoLogParserTest {

	static final Instant READ_AT = Instant.parse("2024-05-02T12:00:00Z");

	static ParseResult parse(byte[] line, String container) {
		return CryptnonoLogParser.parse(line, container, READ_AT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "execwhacker", "monero" })
	void emptyAndBlankLinesAreIgnored(String container) {
		assertThat(parse(new byte[0], container).outcome()).isEqualTo(Outcome.IGNORED);
		assertThat(parse(null, container).outcome()).isEqualTo(Outcome.IGNORED);
		assertThat(parse("  \r\n".getBytes(UTF_8), container).outcome()).isEqualTo(Outcome.IGNORED);
		assertThat(parse("2024-05-02T10:11:12.123456789Z \n".getBytes(UTF_8), container).outcome())
			.as("a kubelet timestamp and nothing else")
			.isEqualTo(Outcome.IGNORED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "execwhacker", "monero" })
	void bytesThatAreNotUtf8AreMalformed(String container) {
		byte[] latin1 = "{\"pid\":1,\"cmdline\":\"caf\u00e9\",\"action\":\"killed\"}".getBytes(ISO_8859_1);
		byte[] overlongSlash = { '{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' };
		byte[] truncatedSequence = { '[', 'x', ']', ' ', 'k', 'i', 'l', 'l', 'e', 'd', ' ', (byte) 0xE2, (byte) 0x82 };

		for (byte[] line : new byte[][] { latin1, overlongSlash, truncatedSequence }) {
			ParseResult result = parse(line, container);
			assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
			assertThat(result.detail()).contains("UTF-8");
		}
	}

	@Test
	void lineOver64KibIsMalformedWithoutBeingRead() {
		String valid = ExecwhackerLineTest.KILLED.replace("-o pool.example:3333", "x".repeat(70_000));
		byte[] notEvenUtf8 = new byte[64 * 1024 + 1];
		notEvenUtf8[0] = (byte) 0xFF;

		ParseResult result = parse(valid.getBytes(UTF_8), "execwhacker");
		assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
		assertThat(result.detail()).contains("64 KiB");
		assertThat(parse(notEvenUtf8, "execwhacker").detail()).as("refused before decoding").contains("64 KiB");
	}

	@Test
	void lineOfExactly64KibIsRead() {
		String prefix = ExecwhackerLineTest.KILLED.replace("-o pool.example:3333", "");
		String line = prefix.replace("/tmp/xmrig", "/tmp/xmrig" + "x".repeat(64 * 1024 - prefix.length()));

		assertThat(line.getBytes(UTF_8)).hasSize(64 * 1024);
		assertThat(parse(line.getBytes(UTF_8), "execwhacker").outcome()).isEqualTo(Outcome.EVENT);
	}

	@Test
	void unknownContainerIsMalformedAndNamed() {
		ParseResult result = parse(ExecwhackerLineTest.KILLED.getBytes(UTF_8), "flowkiller");

		assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
		assertThat(result.detail()).contains("'flowkiller'");
		assertThat(parse(ExecwhackerLineTest.KILLED.getBytes(UTF_8), null).outcome()).isEqualTo(Outcome.MALFORMED);
	}

	@Test
	void detailNeverCarriesLineBreaksFromTheLine() {
		ParseResult result = parse(
				ExecwhackerLineTest.KILLED.replace("2024-05-02T10:11:12.123456Z", "bad\\ninjected\\rline")
					.getBytes(UTF_8),
				"execwhacker");

		assertThat(result.detail()).doesNotContain("\n", "\r").contains("bad?injected?line");
	}

	@Test
	void randomAndMangledBytesNeverThrow() {
		Random random = new Random(20240502);
		byte[] killed = ExecwhackerLineTest.KILLED.getBytes(UTF_8);
		byte[] monero = CryptnonoMoneroLineTest.KILLED.getBytes(UTF_8);
		for (int i = 0; i < 5_000; i++) {
			byte[] line = switch (i % 3) {
				case 0 -> randomBytes(random);
				case 1 -> mangled(killed, random);
				default -> mangled(monero, random);
			};
			String container = (i % 2 == 0) ? "execwhacker" : "monero";
			assertThatNoException().as("line %d", i).isThrownBy(() -> {
				ParseResult result = CryptnonoLogParser.parse(line, container, READ_AT);
				assertThat(result.event().isPresent()).isEqualTo(result.outcome() == Outcome.EVENT);
			});
		}
	}

	@Test
	void deeplyNestedJsonIsMalformedNotAStackOverflow() {
		String nested = "[".repeat(30_000) + "]".repeat(30_000);

		assertThat(parse(nested.getBytes(UTF_8), "execwhacker").outcome()).isEqualTo(Outcome.MALFORMED);
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(200)];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] mangled(byte[] line, Random random) {
		byte[] copy = Arrays.copyOf(line, random.nextInt(line.length + 1));
		for (int n = random.nextInt(4); n > 0 && copy.length > 0; n--) {
			copy[random.nextInt(copy.length)] = (byte) random.nextInt(128);
		}
		return copy;
	}

}
