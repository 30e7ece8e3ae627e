package dev.thoth.pdfmonitor.jobs;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The pipeline stays a list of stages: a stage never calls another (what it needs, an
 * earlier stage left on the job), and only the pipeline records stages and ends jobs.
 */
class StageArchitectureTests {

	private static final JavaClasses monitor = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.thoth.pdfmonitor");

	@Test
	void stagesDoNotCallEachOther() {
		classes().that().implement(Stage.class).should(notDependOnAnotherStage()).check(monitor);
	}

	@Test
	void onlyThePipelineRecordsStages() {
		noClasses().that()
			.implement(Stage.class)
			.should()
			.dependOnClassesThat()
			.areAssignableTo(JobQueue.class)
			.check(monitor);
	}

	private static ArchCondition<JavaClass> notDependOnAnotherStage() {
		return new ArchCondition<>("not depend on another stage") {

			@Override
			public void check(JavaClass stage, ConditionEvents events) {
				for (Dependency dependency : stage.getDirectDependenciesFromSelf()) {
					JavaClass target = dependency.getTargetClass();
					if (!target.equals(stage) && target.isAssignableTo(Stage.class) && !target.isInterface()) {
						events.add(SimpleConditionEvent.violated(stage, dependency.getDescription()));
					}
				}
			}

		};
	}

}
