package dev.hubguard.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's clusters, hubs, users and admins, shaped like a managed-hub provider's: 4
 * clusters, 26 hubs. One description feeds both the catalogue file and the in-memory
 * clusters so the two always agree.
 */
final class DemoHubs {

	static final String STAFF_TEAM = "hubguard-demo:staff";

	static final String STAFF_EMAIL = "sam@hubguard.example";

	static final String CILOGON_IDP = "https://idp.mtu.example/idp/shibboleth";

	private DemoHubs() {
	}

	record DemoCluster(String name, String provider, List<DemoHub> hubs) {
	}

	/** A hub with its admin rules and the users who have servers running in it. */
	record DemoHub(String name, String url, String auth, List<String> adminUsers, List<String> adminTeams,
			String cilogonIdp, List<String> cilogonDomains, boolean openInternet, List<String> runningUsers) {
	}

	/** A person on the demo sign-in page. */
	record DemoUser(String key, String name, String email, String login, List<String> teams, String idp, String role) {
	}

	static List<DemoUser> users() {
		return List.of(
				new DemoUser("staff", "Sam Staff", STAFF_EMAIL, "sam-staff", List.of(STAFF_TEAM),
						"https://github.com/login/oauth/authorize", "provider staff: every hub"),
				new DemoUser("admin-a", "Ada Admin", "ada@mtu.example", "ada-mtu", List.of("mtu-research:hub-admins"),
						CILOGON_IDP, "admin of 2i2c/mtu"),
				new DemoUser("admin-b", "Bo Admin", "bo@hhmi.example", "bo-hhmi", List.of("hhmi-spyglass:admins"),
						"https://idp.hhmi.example/saml", "admin of hhmi/spyglass"),
				new DemoUser("nobody", "Nia Nobody", "nia@elsewhere.example", "nia-nobody", List.of(),
						"https://accounts.google.com", "signed in, admin of nothing"));
	}

	static List<DemoCluster> clusters() {
		List<DemoCluster> clusters = new ArrayList<>();
		clusters.add(new DemoCluster("2i2c", "gcp",
				List.of(hub("staging", "github", List.of("choldgraf"), List.of("2i2c-org:hub-access"), true,
						"choldgraf", "yuvipanda"),
						new DemoHub("mtu", "https://mtu.2i2c.cloud", "cilogon", List.of("ada@mtu.example"),
								List.of("mtu-research:hub-admins"), CILOGON_IDP, List.of("mtu.example"), false,
								List.of("ada@mtu.example", "student1@mtu.example", "student2@mtu.example",
										"grader@mtu.example")))));
		clusters.add(new DemoCluster("hhmi", "gcp",
				List.of(new DemoHub("spyglass", "https://spyglass.hhmi.2i2c.cloud", "github", List.of("bo-hhmi"),
						List.of("hhmi-spyglass:admins"), "https://idp.hhmi.example/saml", List.of("hhmi.example"),
						false, List.of("bo-hhmi", "neuro-lab", "imaging-42")),
						hub("binder", "github", List.of(), List.of("hhmi-binder:admins"), true, "anonymous-7f3a",
								"anonymous-91c2"))));
		clusters.add(new DemoCluster("nasa-cryo", "aws",
				List.of(hub("staging", "github", List.of(), List.of("cryointhecloud:cryoclouduser"), true, "tsnow03"),
						hub("prod", "github", List.of(), List.of("cryointhecloud:cryoclouduser"), false, "tsnow03",
								"jdmillstein", "icesat2-user", "glacier-ml"))));
		List<DemoHub> cloudbank = new ArrayList<>();
		String[] colleges = { "avc", "bcc", "ccsf", "csm", "csulb", "csun", "deanza", "elcamino", "evc", "fresno",
				"glendale", "howard", "lacc", "laney", "mills", "miracosta", "palomar", "sbcc", "skyline", "ucla" };
		for (int i = 0; i < colleges.length; i++) {
			String college = colleges[i];
			cloudbank.add(hub(college, "cilogon", List.of("instructor@" + college + ".example"), List.of(), true,
					i % 3 == 0 ? new String[] { "student" + i + "@" + college + ".example" } : new String[0]));
		}
		clusters.add(new DemoCluster("cloudbank", "gcp", cloudbank));
		return clusters;
	}

	private static DemoHub hub(String name, String auth, List<String> users, List<String> teams, boolean open,
			String... running) {
		return new DemoHub(name, "https://" + name + ".hubs.example", auth, users, teams, null, List.of(), open,
				List.of(running));
	}

}
