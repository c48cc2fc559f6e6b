package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static final String QUESTION = "How far can the longer-range version of ATACMS travel?";

    @Test
    void a_segment_damaged_on_disk_is_detected_at_start_and_rebuilt_from_the_corpus() throws IOException {
        Path index = TestEngines.tempDir("newsdesk-damaged-index");
        var settings = TestEngines.settings(TestEngines.SEEDS, index, Map.of());
        String before;
        try (Engine engine = Engine.start(settings, s -> { }, (d, t, f) -> { })) {
            before = engine.answers().ask(QUESTION, null).answer();
        }
        TestEngines.damageLargestFile(index);
        List<String> log = new ArrayList<>();

        try (Engine engine = Engine.start(settings, log::add, (d, t, f) -> { })) {
            assertThat(log).anySatisfy(l -> assertThat(l).contains("cannot be opened", "rebuilding"));
            assertThat(engine.answers().ask(QUESTION, null).answer()).isEqualTo(before);
        }
    }
}
