package dev.newsdesk.app;

import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.cli.Parts;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.index.opensearch.OpenSearchIndexer;
import dev.newsdesk.ingest.Chunker;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The parts the commands run, each built here from the settings the command read. */
final class Assembly implements Parts {

    @Override
    public Pipeline start(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        return Engine.start(settings, log, progress);
    }

    @Override
    public IndexBuilder.Report index(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        return Engine.index(settings, log, progress);
    }

    @Override
    public IndexBuilder.Report copy(Settings settings, Path from, Consumer<String> log, IndexBuilder.Progress progress) {
        return Engine.copy(settings, from, log, progress);
    }

    @Override
    public void dropStore(Settings settings) {
        if (settings.store().openSearch()) {
            OpenSearchIndexer.drop(settings.store());
        }
    }

    @Override
    public Chunker chunker() {
        return Engine.plainChunker();
    }

    @Override
    public void serve(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        Server.start(settings, log, progress);
    }
}
