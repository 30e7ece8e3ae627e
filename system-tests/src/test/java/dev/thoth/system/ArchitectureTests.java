package dev.thoth.system;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries between modules: services talk to each other only over HTTP through the
 * typed clients, never through each other's classes; the shared libraries know nothing of
 * the services.
 */
class ArchitectureTests {

	private static final String[] SERVICES = { "dev.thoth.api..", "dev.thoth.mcp..", "dev.thoth.discovery..",
			"dev.thoth.agent..", "dev.thoth.pdfmonitor..", "dev.thoth.gateway.." };

	private static final JavaClasses thoth = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.thoth");

	@Test
	void servicesDoNotReachIntoEachOther() {
		slices().matching("dev.thoth.(api|mcp|discovery|agent|pdfmonitor|gateway)..")
			.should()
			.notDependOnEachOther()
			.check(thoth);
	}

	@Test
	void sharedLibrariesDoNotDependOnServices() {
		noClasses().that()
			.resideInAnyPackage("dev.thoth.platform..", "dev.thoth.domain..", "dev.thoth.clients..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(SERVICES)
			.check(thoth);
	}

	@Test
	void thePlatformKnowsNothingOfTheDomainOrTheClients() {
		noClasses().that()
			.resideInAPackage("dev.thoth.platform..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.thoth.domain..", "dev.thoth.clients..")
			.check(thoth);
	}

	@Test
	void theClientsDoNotTouchTheDatabase() {
		noClasses().that()
			.resideInAPackage("dev.thoth.clients..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.thoth.domain..", "jakarta.persistence..", "org.springframework.data..")
			.check(thoth);
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.thoth.(*).(*)..").should().beFreeOfCycles().check(thoth);
	}

	@Test
	void controllersArePackagePrivate() {
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(thoth);
	}

}
