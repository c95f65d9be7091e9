package dev.pilothouse.ai.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The retrieval evaluation set ({@code src/test/resources/rag/eval-questions.tsv}) and its scoring:
 * hit@k is whether a chunk of an expected document is among the first k results.
 */
final class RetrievalEval {

    static final Path QUESTIONS = Path.of("src/test/resources/rag/eval-questions.tsv");
    static final int[] KS = {1, 3, 5, 8};

    enum Style {
        EXACT,
        SYMPTOM,
        PARAPHRASE
    }

    /** One acceptable answer: a docs path, a CRD name, or an OpenAPI schema name (a trailing '*' matches by prefix). */
    record Answer(SourceType type, String id) {
        boolean matches(StoredChunk c) {
            if (c.sourceType() != type) return false;
            // Cluster sources prefix their ids with the cluster ("bench:"); CRDs add "@<version>".
            String sid = type == SourceType.DOCS
                    ? c.sourceId()
                    : c.sourceId().substring(c.sourceId().indexOf(':') + 1);
            return switch (type) {
                case CRD -> sid.startsWith(id + "@");
                case OPENAPI -> id.endsWith("*") ? sid.startsWith(id.substring(0, id.length() - 1)) : sid.equals(id);
                default -> sid.equals(id);
            };
        }
    }

    record Question(int id, boolean heldout, Style style, SourceType type, List<Answer> answers, String text) {
        /** Rank (1-based) of the first chunk from an expected document, 0 when none is there. */
        int firstHit(List<StoredChunk> ranked) {
            for (int i = 0; i < ranked.size(); i++) {
                StoredChunk c = ranked.get(i);
                if (answers.stream().anyMatch(a -> a.matches(c))) return i + 1;
            }
            return 0;
        }
    }

    private RetrievalEval() {}

    /** A row of (source_type, source_id) as the document it names: what a hit is judged by. */
    static StoredChunk document(java.sql.ResultSet row) throws java.sql.SQLException {
        return new StoredChunk(
                0, SourceType.parse(row.getString(1)).orElseThrow(), row.getString(2), null, 0, "", "", "", "", "", 0);
    }

    static List<Question> load() {
        try {
            var out = new ArrayList<Question>();
            for (String line : Files.readAllLines(QUESTIONS, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                SourceType type = SourceType.parse(f[3]).orElseThrow();
                var answers = new ArrayList<Answer>();
                for (String e : f[4].split(";")) {
                    int colon = e.indexOf(':');
                    var t = colon > 0
                            ? SourceType.parse(e.substring(0, colon))
                            : java.util.Optional.<SourceType>empty();
                    answers.add(t.isPresent() ? new Answer(t.get(), e.substring(colon + 1)) : new Answer(type, e));
                }
                out.add(new Question(
                        Integer.parseInt(f[0]),
                        f[1].equals("heldout"),
                        Style.valueOf(f[2].toUpperCase(Locale.ROOT)),
                        type,
                        List.copyOf(answers),
                        f[5]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hit@1/3/5/8 over a group of questions, from each question's first-hit rank. */
    record Score(int n, double[] hits) {
        static Score of(List<Integer> firstHits) {
            double[] h = new double[KS.length];
            for (int rank : firstHits) {
                for (int i = 0; i < KS.length; i++) if (rank > 0 && rank <= KS[i]) h[i]++;
            }
            for (int i = 0; i < KS.length; i++) h[i] = firstHits.isEmpty() ? 0 : h[i] / firstHits.size();
            return new Score(firstHits.size(), h);
        }

        double at5() {
            return hits[2];
        }

        String cells() {
            return String.format(Locale.ROOT, "%.2f | %.2f | %.2f | %.2f", hits[0], hits[1], hits[2], hits[3]);
        }
    }

    /** The groups every report shows: overall, per style, per source type, each for one split. */
    static Map<String, Predicate<Question>> groups() {
        var g = new LinkedHashMap<String, Predicate<Question>>();
        g.put("all", q -> true);
        for (Style s : Style.values()) g.put(s.name().toLowerCase(Locale.ROOT), q -> q.style() == s);
        for (SourceType t : List.of(SourceType.DOCS, SourceType.CRD, SourceType.OPENAPI))
            g.put(t.id(), q -> q.type() == t);
        return g;
    }

    static Score score(List<Question> questions, Map<Integer, Integer> firstHits, Predicate<Question> which) {
        return Score.of(
                questions.stream().filter(which).map(q -> firstHits.get(q.id())).toList());
    }

    /** What settings are ranked by on the tune half: hit@5, ties broken by hit@1 + hit@3. */
    static double tuneKey(List<Question> tune, Map<Integer, Integer> hits) {
        var s = score(tune, hits, q -> true);
        return s.at5() + 0.001 * (s.hits()[0] + s.hits()[1]);
    }

    /** The style rule: a setting may not lose exact or symptom questions (hit@5) against the default on the tune half. */
    static boolean keepsStyles(List<Question> tune, Map<Integer, Integer> hits, Map<Integer, Integer> base) {
        var g = groups();
        for (String style : List.of("exact", "symptom")) {
            if (score(tune, hits, g.get(style)).at5()
                    < score(tune, base, g.get(style)).at5() - 1e-9) return false;
        }
        return true;
    }

    /**
     * The tune-half table of every setting, and the best one under the style rule; the held-back
     * half is printed for the first setting (the default) and that one only.
     */
    static <S> S chooseOnTuneHalf(
            List<Question> questions, List<S> settings, Function<S, String> label, Map<S, Map<Integer, Integer>> hits) {
        var tune = questions.stream().filter(q -> !q.heldout()).toList();
        S base = settings.getFirst();
        Predicate<S> keeps = s -> keepsStyles(tune, hits.get(s), hits.get(base));
        System.out.println("TUNE HALF ONLY (hit@5 per group; all: hit@1/3/5/8)");
        System.out.println(
                "| setting | all @1 | @3 | @5 | @8 | exact | symptom | paraphrase | docs | crd | openapi | keeps |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (S s : settings) tuneRow(label.apply(s), tune, hits.get(s), keeps.test(s));
        S chosen = settings.stream()
                .filter(keeps)
                .max(java.util.Comparator.comparingDouble(s -> tuneKey(tune, hits.get(s))))
                .orElse(base);
        detail("default: " + label.apply(base), questions, hits.get(base));
        if (!chosen.equals(base)) detail("chosen: " + label.apply(chosen), questions, hits.get(chosen));
        return chosen;
    }

    /** One markdown row of a tune-half table: hit@1/3/5/8 overall, hit@5 per style and source, whether it keeps the styles. */
    static void tuneRow(String label, List<Question> tune, Map<Integer, Integer> hits, boolean keeps) {
        var g = groups();
        var cells = new ArrayList<String>();
        cells.add(score(tune, hits, q -> true).cells());
        for (String group : List.of("exact", "symptom", "paraphrase", "docs", "crd", "openapi"))
            cells.add(String.format(
                    Locale.ROOT, "%.2f", score(tune, hits, g.get(group)).at5()));
        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", label, String.join(" | ", cells), keeps ? "yes" : "no");
    }

    /** hit@1/3/5/8 per split and group, as a markdown table on stdout (used by both RAG benchmarks). */
    static void detail(String title, List<Question> questions, Map<Integer, Integer> hits) {
        System.out.println("DETAIL " + title);
        System.out.println("| split | group | n | hit@1 | hit@3 | hit@5 | hit@8 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (boolean held : new boolean[] {false, true}) {
            var half = questions.stream().filter(q -> q.heldout() == held).toList();
            for (var e : groups().entrySet()) {
                var s = score(half, hits, e.getValue());
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %d | %s |%n",
                        held ? "heldout" : "tune",
                        e.getKey(),
                        s.n(),
                        s.cells());
            }
        }
    }
}
