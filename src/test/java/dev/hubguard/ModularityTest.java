package dev.hubguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a feature module: no cycles between features, no feature
 * reaching into another's sub-packages, and every import goes down the layers (features
 * of one layer do not import each other).
 */
class ModularityTest {

	/** Lowest first; packages on one line are one layer. */
	static final List<List<String>> LAYERS = List.of(List.of("shared"), List.of("audit"), List.of("hub"),
			List.of("identity"), List.of("cluster"), List.of("changes"), List.of("egress", "secrets", "abuse"),
			List.of("isolation"), List.of("notify"), List.of("web"), List.of("demo"));

	@Test
	void featuresDependOnEachOthersPublicApiWithoutCycles() {
		ApplicationModules.of(HubguardApplication.class).verify();
	}

	@Test
	void everyImportGoesDownTheLayers() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.hubguard");
		TreeSet<String> violations = new TreeSet<>();
		for (JavaClass source : classes) {
			String from = feature(source);
			if (from == null) {
				continue;
			}
			for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
				String to = feature(dependency.getTargetClass());
				if (to == null || to.equals(from)) {
					continue;
				}
				if (layer(to) >= layer(from)) {
					violations.add(from + " -> " + to + ": " + source.getSimpleName() + " uses "
							+ dependency.getTargetClass().getSimpleName());
				}
			}
		}
		assertThat(violations).as("imports against the layer order %s", LAYERS).isEmpty();
	}

	@Test
	void everyFeaturePackageHasALayer() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.hubguard");
		for (JavaClass source : classes) {
			String feature = feature(source);
			if (feature != null) {
				assertThat(layer(feature)).as("layer of package %s", feature).isNotNegative();
			}
		}
	}

	private static String feature(JavaClass type) {
		String name = type.getPackageName();
		if (!name.startsWith("dev.hubguard.")) {
			return null;
		}
		String rest = name.substring("dev.hubguard.".length());
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

	private static int layer(String feature) {
		for (int i = 0; i < LAYERS.size(); i++) {
			if (LAYERS.get(i).contains(feature)) {
				return i;
			}
		}
		return -1;
	}

}
