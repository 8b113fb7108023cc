package io.vigil.quality;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The baseline a search engineer reaches for first: Lucene's classic {@link QueryParser} with the
 * {@link EnglishAnalyzer} (Porter stemming, English stop words) and AND as the default operator, over title and body
 * indexed as one field. The rule text is parsed unchanged, so {@code NOT}, {@code -word}, {@code OR}, quotes and
 * {@code fortif*} mean what they mean to Lucene.
 */
public final class LuceneClassicBaseline implements MatchingSystem {

    private static final String TEXT = "text";
    private static final String ID = "id";

    private final Map<String, String> problems = new LinkedHashMap<>();

    @Override
    public String name() {
        return "Lucene classic";
    }

    @Override
    public Map<String, Set<String>> match(LabelledSet set) throws IOException {
        problems.clear();
        Map<String, Set<String>> matches = new LinkedHashMap<>();
        try (EnglishAnalyzer analyzer = new EnglishAnalyzer();
                ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (LabelledItem item : set.items()) {
                    Document document = new Document();
                    document.add(new StringField(ID, item.id(), Field.Store.YES));
                    document.add(new TextField(TEXT, item.titleAndBody(), Field.Store.NO));
                    writer.addDocument(document);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (LabelledRule rule : set.rules()) {
                    Set<String> matched = new TreeSet<>();
                    matches.put(rule.id(), matched);
                    QueryParser parser = new QueryParser(TEXT, analyzer);
                    parser.setDefaultOperator(QueryParser.Operator.AND);
                    Query query;
                    try {
                        query = parser.parse(rule.query());
                    } catch (ParseException e) {
                        problems.put(rule.id(), e.getMessage());
                        continue;
                    }
                    for (ScoreDoc hit : searcher.search(query, Math.max(1, reader.maxDoc())).scoreDocs) {
                        matched.add(searcher.storedFields().document(hit.doc).get(ID));
                    }
                }
            }
        }
        return matches;
    }

    @Override
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }
}
