package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SupportContactTest {

	@Test
	void anEmailContactIsAMailLinkNamingWhoAsks() {
		SupportContact.Link link = new SupportContact("support@provider.example", "https://t/new?s={subject}")
			.forAccess("github:nia");

		assertThat(link.text()).isEqualTo("support@provider.example");
		assertThat(link.href()).isEqualTo(
				"mailto:support@provider.example?subject=Hubguard%3A%20please%20add%20github%3Ania%20as%20a%20hub%20admin");
	}

	@Test
	void aWebContactIsALinkAndWordsStayWords() {
		assertThat(new SupportContact("https://provider.example/help", "").forAccess("github:nia").href())
			.isEqualTo("https://provider.example/help");
		assertThat(new SupportContact("your hub's PI", "").forAccess("github:nia").href()).isNull();
	}

	@Test
	void withoutAContactATicketIsOfferedAndWithoutEitherNothing() {
		assertThat(new SupportContact("", "https://t/new?s={subject}&b={body}").forAccess("github:nia").href())
			.isEqualTo("https://t/new?s=Add+me+as+a+hub+admin&b=Please+add+github%3Ania+as+an+admin+of+hub%3A+");
		assertThat(new SupportContact("", "").forAccess("github:nia")).isNull();
	}

}
