package dev.hubguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueParserTest {

	static final String CATALOGUE = """
			clusters:
			  - name: 2i2c
			    provider: gcp
			    kubeContext: gke_two-eye-two-see_us-central1_pilot-hubs-cluster
			    hubs:
			      - name: mtu
			        url: https://mtu.2i2c.cloud
			        auth: cilogon
			        admins:
			          users: [Ada@MTU.example]
			          cilogon: {idp: "https://idp.mtu.example/idp/shibboleth", allowedDomains: [mtu.example]}
			      - name: staging
			        namespace: staging-ns
			        helmRelease: staging-release
			        auth: github
			        admins:
			          githubTeams: [2i2c-org:hub-access]
			  - name: incluster
			    inCluster: true
			    someFutureField: ignored
			""";

	@Test
	void readsClustersHubsAndAdminRules() {
		List<CatalogueCluster> clusters = CatalogueParser.parse(CATALOGUE);

		assertThat(clusters).extracting(CatalogueCluster::name).containsExactly("2i2c", "incluster");
		CatalogueHub mtu = clusters.get(0).hubs().get(0);
		assertThat(mtu.ref()).isEqualTo(new HubRef("2i2c", "mtu"));
		assertThat(mtu.namespace()).as("namespace defaults to the hub name").isEqualTo("mtu");
		assertThat(mtu.admins().users()).containsExactly("ada@mtu.example");
		assertThat(mtu.admins().cilogonDomains()).containsExactly("mtu.example");
		CatalogueHub staging = clusters.get(0).hubs().get(1);
		assertThat(staging.namespace()).isEqualTo("staging-ns");
		assertThat(staging.helmRelease()).isEqualTo("staging-release");
		assertThat(clusters.get(1).inCluster()).isTrue();
		assertThat(clusters.get(1).kubeContext()).isNull();
	}

	@Test
	void refusesNamesThatAreNotDnsLabels() {
		assertThatThrownBy(() -> CatalogueParser.parse("clusters: [{name: Bad_Name, kubeContext: x}]"))
			.isInstanceOf(InvalidCatalogueException.class)
			.hasMessageContaining("Bad_Name");
		assertThatThrownBy(
				() -> CatalogueParser.parse("clusters: [{name: ok, kubeContext: x, hubs: [{name: ../etc}]}]"))
			.isInstanceOf(InvalidCatalogueException.class)
			.hasMessageContaining("../etc");
	}

	@Test
	void refusesDuplicatesAndMissingClusterAccess() {
		assertThatThrownBy(
				() -> CatalogueParser.parse("clusters: [{name: a, kubeContext: x}, {name: a, kubeContext: y}]"))
			.hasMessageContaining("cluster a is listed twice");
		assertThatThrownBy(
				() -> CatalogueParser.parse("clusters: [{name: a, kubeContext: x, hubs: [{name: h}, {name: h}]}]"))
			.hasMessageContaining("hub a/h is listed twice");
		assertThatThrownBy(() -> CatalogueParser.parse("clusters: [{name: a}]")).hasMessageContaining("kubeContext");
	}

	@Test
	void refusesAdminEntriesThatAreNeitherAnEmailNorAGithubLogin() {
		for (String user : List.of("ada@", "ada@mtu", "\"a b\"@mtu.edu", "bo hhmi", "-bo", "bo--x")) {
			String yaml = "clusters: [{name: a, kubeContext: x, hubs: [{name: h, admins: {users: ['"
					+ user.replace("'", "''") + "']}}]}]";
			assertThatThrownBy(() -> CatalogueParser.parse(yaml)).as(user)
				.hasMessageContaining("hub a/h lists the admin '" + user + "'");
		}
		assertThat(CatalogueParser
			.parse("clusters: [{name: a, kubeContext: x, hubs: [{name: h, admins: {users: [ada@mtu.edu, Bo-HHMI]}}]}]"))
			.hasSize(1);
	}

	@Test
	void refusesUnknownAuthAndBrokenYaml() {
		assertThatThrownBy(
				() -> CatalogueParser.parse("clusters: [{name: a, kubeContext: x, hubs: [{name: h, auth: ldap}]}]"))
			.hasMessageContaining("use cilogon or github");
		assertThatThrownBy(() -> CatalogueParser.parse("clusters: [unclosed"))
			.isInstanceOf(InvalidCatalogueException.class);
		assertThatThrownBy(() -> CatalogueParser.parse("hubs: []")).hasMessageContaining("'clusters'");
	}

}
