package dev.hubguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.support.PortalTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalTest
class HubCatalogueImportTest {

	static final String EXTRA = """
			  - name: import-test
			    kubeContext: import-test
			    hubs:
			      - name: alpha
			        admins: {users: [alpha-admin]}
			      - name: beta
			""";

	@Autowired
	HubCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	String demoCatalogue() throws Exception {
		return Files.readString(Path.of("target/demo-test/clusters.yaml"));
	}

	@AfterEach
	void restoreDemoCatalogue() throws Exception {
		catalogue.importYaml(demoCatalogue(), "test restore", true);
	}

	@Test
	void importingTheSameCatalogueTwiceChangesNothing() throws Exception {
		var first = catalogue.importYaml(demoCatalogue() + EXTRA, "test");
		int rows = jdbc.sql("select count(*) from hubs").query(Integer.class).single();

		var second = catalogue.importYaml(demoCatalogue() + EXTRA, "test");

		assertThat(first.changedAnything()).isTrue();
		assertThat(second.changedAnything()).isFalse();
		assertThat(jdbc.sql("select count(*) from hubs").query(Integer.class).single()).isEqualTo(rows);
		assertThat(catalogue.find(new HubRef("import-test", "alpha"))).isPresent();
	}

	@Test
	void aHubLeftOutOfTheFileIsRetiredAndAChangedRuleTakesEffect() throws Exception {
		catalogue.importYaml(demoCatalogue() + EXTRA, "test");

		var result = catalogue.importYaml(
				demoCatalogue() + EXTRA.replace("      - name: beta\n", "").replace("alpha-admin", "new-admin"),
				"test");

		assertThat(result.retired()).isEqualTo(1);
		assertThat(result.changed()).isEqualTo(1);
		assertThat(catalogue.find(new HubRef("import-test", "beta"))).isEmpty();
		assertThat(catalogue.find(new HubRef("import-test", "alpha")).orElseThrow().admins().users())
			.containsExactly("new-admin");
		assertThat(jdbc.sql("select retired from hubs where name = 'beta'").query(Boolean.class).single()).isTrue();
	}

	@Test
	void anInvalidCatalogueChangesNothing() throws Exception {
		int before = catalogue.hubs().size();

		assertThatThrownBy(() -> catalogue.importYaml(demoCatalogue() + "  - name: Not_Valid\n", "test"))
			.isInstanceOf(InvalidCatalogueException.class);

		assertThat(catalogue.hubs()).hasSize(before);
	}

	@Test
	void anImportThatWouldRetireMostOfAClustersHubsIsRefusedUnlessForced() throws Exception {
		catalogue.importYaml(demoCatalogue() + EXTRA, "test");

		assertThatThrownBy(() -> catalogue.importYaml(demoCatalogue(), "test"))
			.isInstanceOf(InvalidCatalogueException.class)
			.hasMessageContaining("retire 2 of the 2 hubs of cluster import-test");
		assertThat(catalogue.find(new HubRef("import-test", "alpha"))).isPresent();
		assertThat(catalogue.find(new HubRef("import-test", "beta"))).isPresent();

		var forced = catalogue.importYaml(demoCatalogue(), "test", true);

		assertThat(forced.retired()).isEqualTo(2);
		assertThat(catalogue.find(new HubRef("import-test", "alpha"))).isEmpty();
		assertThat(catalogue.retired()).extracting(RetiredHub::ref).contains(new HubRef("import-test", "alpha"));
	}

}
