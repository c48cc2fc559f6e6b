package dev.newsdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main as the pipeline they implement: each stage may use the stages before it and
 * never one after it, and no two packages depend on each other, however indirectly.
 */
class ArchitectureTest {

    /** In the order data flows; a stage may import only from its own row and the rows above it. */
    static final List<String> FLOW = List.of(
            "dev.newsdesk.config..",
            "dev.newsdesk.language..",
            "dev.newsdesk.ingest..",
            "dev.newsdesk.index..",    // the store interfaces, Lucene and OpenSearch
            "dev.newsdesk.live..",     // the index kept in step with the corpus folder
            "dev.newsdesk.feeds..",
            "dev.newsdesk.retrieve..",
            "dev.newsdesk.read..",
            "dev.newsdesk.answer..",
            "dev.newsdesk.eval..",
            "dev.newsdesk.feedback..",
            "dev.newsdesk.access..",   // who may read which collections; sign-in
            "dev.newsdesk.web..",
            "dev.newsdesk.slack..",
            "dev.newsdesk.cli..",
            "dev.newsdesk.app..");     // the composition root

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.newsdesk");
    }

    @Test
    void every_class_of_src_main_is_in_a_stage_of_the_flow() {
        assertThat(main).isNotEmpty().allSatisfy(c -> assertThat(FLOW)
                .anySatisfy(stage -> assertThat(c.getPackageName() + ".").startsWith(stage.replace("..", "."))));
    }

    @Test
    void no_stage_imports_a_stage_after_it() {
        for (int i = 0; i < FLOW.size() - 1; i++) {
            String[] later = FLOW.subList(i + 1, FLOW.size()).toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(FLOW.get(i))
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .because(FLOW.get(i) + " comes before " + Arrays.toString(later) + " in the flow");
            rule.check(main);
        }
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        slices().matching("dev.newsdesk.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void only_the_composition_root_builds_another_stages_parts() {
        buildsAnotherStagesParts("dev.newsdesk.app..").check(main);
    }

    @Test
    void the_building_rule_finds_the_composition_root_building() {
        assertThat(buildsAnotherStagesParts("dev.newsdesk.cli..").evaluate(main).hasViolation()).isTrue();
    }

    /**
     * Outside {@code exempt}, no class calls the constructor of another stage's class, except values
     * (records, enums, exceptions) and anonymous classes of its own.
     */
    private static ArchRule buildsAnotherStagesParts(String exempt) {
        return noClasses().that().resideOutsideOfPackage(exempt).should().callConstructorWhere(
                new DescribedPredicate<JavaConstructorCall>("the constructor of another stage's part") {
                    @Override
                    public boolean test(JavaConstructorCall call) {
                        JavaClass target = call.getTargetOwner();
                        return target.getPackageName().startsWith("dev.newsdesk.")
                                && !target.isAnonymousClass() && !target.isEnum()
                                && !target.isAssignableTo(Record.class) && !target.isAssignableTo(Throwable.class)
                                && !stage(target).equals(stage(call.getOriginOwner()));
                    }
                }).because("parts are built by the composition root and handed to the classes that use them");
    }

    private static String stage(JavaClass c) {
        return FLOW.stream().filter(stage -> (c.getPackageName() + ".").startsWith(stage.replace("..", ".")))
                .findFirst().orElseThrow();
    }

    @Test
    void the_flow_rule_fails_on_a_back_arrow() {
        // A rule that turns the flow around (ingest may not use config) must find the imports there are.
        EvaluationResult reversed = noClasses().that().resideInAPackage("dev.newsdesk.ingest..")
                .should().dependOnClassesThat().resideInAPackage("dev.newsdesk.config..").evaluate(main);
        assertThat(reversed.hasViolation()).isTrue();
    }
}
