package dev.hubguard.hub;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "hubs")
class Hub {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "cluster_id")
	private Cluster cluster;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String namespace;

	@Column(nullable = false)
	private String helmRelease;

	private String url;

	@Column(nullable = false)
	private String authProvider;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> adminUsers = List.of();

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> adminGithubTeams = List.of();

	private String adminCilogonIdp;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> adminCilogonDomains = List.of();

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> notifyEmails = List.of();

	private String notifyChat;

	private boolean retired;

	@Column(nullable = false)
	private Instant importedAt;

	protected Hub() {
	}

	Hub(Cluster cluster, String name) {
		this.cluster = cluster;
		this.name = name;
	}

	boolean update(CatalogueHub entry, Instant now) {
		AdminRules rules = entry.admins();
		boolean changed = retired || !entry.namespace().equals(namespace) || !entry.helmRelease().equals(helmRelease)
				|| !Objects.equals(entry.url(), url) || !entry.auth().equals(authProvider)
				|| !rules.equals(adminRules()) || !entry.contacts().equals(contacts());
		namespace = entry.namespace();
		helmRelease = entry.helmRelease();
		url = entry.url();
		authProvider = entry.auth();
		adminUsers = rules.users();
		adminGithubTeams = rules.githubTeams();
		adminCilogonIdp = rules.cilogonIdp();
		adminCilogonDomains = rules.cilogonDomains();
		notifyEmails = entry.contacts().emails();
		notifyChat = entry.contacts().chat();
		retired = false;
		if (changed || importedAt == null) {
			importedAt = now;
		}
		return changed;
	}

	boolean retire(Instant now) {
		if (retired) {
			return false;
		}
		retired = true;
		importedAt = now;
		return true;
	}

	String name() {
		return name;
	}

	boolean retired() {
		return retired;
	}

	AdminRules adminRules() {
		return new AdminRules(adminUsers, adminGithubTeams, adminCilogonIdp, adminCilogonDomains);
	}

	HubContacts contacts() {
		return new HubContacts(notifyEmails, notifyChat);
	}

	RetiredHub toRetiredHub() {
		return new RetiredHub(new HubRef(cluster.name(), name), namespace, importedAt);
	}

	CatalogueHub toCatalogueHub() {
		return new CatalogueHub(new HubRef(cluster.name(), name), namespace, helmRelease, url, authProvider,
				adminRules(), contacts());
	}

}
