package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

	@ParameterizedTest
	@CsvSource({ "10.0.0.0/8, 10.0.0.0/8", "10.0.0.1/8, 10.0.0.0/8", "192.168.1.77/24, 192.168.1.0/24",
			"1.1.1.1, 1.1.1.1/32", "0.0.0.0/0, 0.0.0.0/0", "255.255.255.255/1, 128.0.0.0/1", "010.0.0.1, 10.0.0.1/32",
			"::/0, ::/0", "2001:db8::/32, 2001:db8::/32", "2001:DB8:0:0:1::1/128, 2001:db8::1:0:0:1/128",
			"2001:db8:aaaa:bbbb::1/48, 2001:db8:aaaa::/48", "::1, ::1/128", "fe80::, fe80::/128",
			"1:0:0:2:0:0:0:3/128, 1:0:0:2::3/128", "1:0:0:2:0:0:3:4/128, 1::2:0:0:3:4/128",
			"::ffff:10.0.0.1/128, ::ffff:a00:1/128", "1:2:3:4:5:6:7::/128, 1:2:3:4:5:6:7:0/128",
			"::ffff:169.254.169.254/128, ::ffff:a9fe:a9fe/128", "0:0:0:0:0:FFFF:A9FE:A9FE, ::ffff:a9fe:a9fe/128",
			"64:ff9b::169.254.169.254, 64:ff9b::a9fe:a9fe/128", "0064:ff9b:0000::a9fe:a9fe/128, 64:ff9b::a9fe:a9fe/128",
			"fe80::/9, fe80::/9", "2002:A9FE:A9FE::/48, 2002:a9fe:a9fe::/48", "::169.254.169.254, ::a9fe:a9fe/128",
			"::ffff:0:169.254.169.254, ::ffff:0:a9fe:a9fe/128", "0:0:0:0:ffff:0:0:0/96, ::ffff:0:0:0/96",
			"64:ff9b:1:0:0:0:0:1/48, 64:ff9b:1::/48", "::0.0.0.0/104, ::/104" })
	void parsesAndNormalisesToTheNetworkAddress(String text, String normalised) {
		assertThat(Cidr.parse(text)).hasToString(normalised);
	}

	@Test
	void aMissingPrefixMeansOneHost() {
		assertThat(Cidr.parse("10.0.3.7").prefixLength()).isEqualTo(32);
		assertThat(Cidr.parse("2001:db8::7").prefixLength()).isEqualTo(128);
	}

	@Test
	void cidrsThatDifferOnlyInHostBitsAreEqual() {
		assertThat(Cidr.parse("10.0.0.1/8")).isEqualTo(Cidr.parse("10.255.0.0/8"));
	}

	@Test
	void knowsItsAddressFamily() {
		assertThat(Cidr.parse("10.0.0.0/8").isIpv4()).isTrue();
		assertThat(Cidr.parse("::/0").isIpv4()).isFalse();
	}

	@Test
	void containsAddressesOfItsOwnFamilyOnly() throws UnknownHostException {
		Cidr private10 = Cidr.parse("10.0.0.0/8");

		assertThat(private10.contains(InetAddress.getByAddress(new byte[] { 10, 1, 2, 3 }))).isTrue();
		assertThat(private10.contains(InetAddress.getByAddress(new byte[] { 11, 0, 0, 0 }))).isFalse();
		assertThat(Cidr.parse("::/0").contains(InetAddress.getByAddress(new byte[] { 10, 1, 2, 3 }))).isFalse();
		assertThat(Cidr.parse("2001:db8::/32")
			.contains(InetAddress
				.getByAddress(new byte[] { 0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 })))
			.isTrue();
		assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByAddress(new byte[] { (byte) 255, 0, 0, 1 })))
			.isTrue();
	}

	@Test
	void containsOnlyBlocksEntirelyInside() {
		Cidr private10 = Cidr.parse("10.0.0.0/8");

		assertThat(private10.contains(Cidr.parse("10.128.0.0/9"))).isTrue();
		assertThat(private10.contains(Cidr.parse("10.0.0.0/8"))).isTrue();
		assertThat(private10.contains(Cidr.parse("10.0.0.0/7"))).isFalse();
		assertThat(private10.contains(Cidr.parse("11.0.0.0/16"))).isFalse();
		assertThat(Cidr.parse("::/0").contains(Cidr.parse("10.0.0.0/8"))).isFalse();
		assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("::/128"))).isFalse();
	}

	@Test
	void overlapsWhenEitherContainsTheOther() {
		assertThat(Cidr.parse("10.0.0.0/8").overlaps(Cidr.parse("10.1.0.0/16"))).isTrue();
		assertThat(Cidr.parse("10.1.0.0/16").overlaps(Cidr.parse("10.0.0.0/8"))).isTrue();
		assertThat(Cidr.parse("10.0.0.0/8").overlaps(Cidr.parse("172.16.0.0/12"))).isFalse();
		assertThat(Cidr.parse("2001:db8::/32").overlaps(Cidr.parse("2001:db8:1::/48"))).isTrue();
		assertThat(Cidr.parse("0.0.0.0/0").overlaps(Cidr.parse("::/0"))).isFalse();
	}

	@Test
	void rejectsAPrefixTooLongForTheFamily() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.0.0.0/33"))
			.withMessage("10.0.0.0/33 is not a valid CIDR: an IPv4 prefix is 0 to 32");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("::/129"))
			.withMessage("::/129 is not a valid CIDR: an IPv6 prefix is 0 to 128");
	}

	@Test
	void rejectsAnIpv4NumberOver255() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("300.1.1.1/32"))
			.withMessageStartingWith("300.1.1.1/32 is not a valid CIDR: ")
			.withMessageContaining("0 to 255");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "1.2.3/24", "1.2.3.4.5", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/8/8", "1..2.3",
			"1.2.3.x", "1:2:3:4:5:6:7:8:9", "1:2:3", "1::2::3", ":::", "12345::", "fe80::1%eth0", "g::",
			"1:2:3:4:5:6:7::8", "::1.2.3", "1.2.3.4::", "١.٢.٣.٤", "10.0.0.0-10", "10.0.0.*", "*", "10.0.0.0/255.0.0.0",
			"0x0a.0.0.1", "167772161", "::ffff:10.0.0.0%eth0/104", "1.2.3.4/33/1" })
	void rejectsTextThatIsNotACidrNamingIt(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text))
			.withMessageStartingWith(text + " is not a valid CIDR: ")
			// Our words to the end: never the address library's message in parentheses.
			.withMessageNotContaining("(")
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContainIgnoringCase("IP address error"));
	}

	@Test
	void aHostNameIsRefusedWithAnExampleOfAnAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("pypi.org"))
			.withMessage("pypi.org is not a valid CIDR: write an address, like 203.0.113.7 or 203.0.113.0/24: "
					+ "a host name is never looked up");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void rejectsEmptyText(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text))
			.withMessageContaining("is not a valid CIDR: it is empty");
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/8\u0000", "10.0.0.0\u0000/8", "2001:db8::/32\u0000x", "10.0.0.0/8\u0007" })
	void rejectsTextWithAControlCharacterEvenWhereTheAddressLibraryWouldStopReading(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text))
			.withMessageContaining("is not a valid CIDR: it holds a control character")
			.withMessageNotContaining("\u0000");
	}

}
