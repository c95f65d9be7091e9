package dev.pilothouse.ai.provider;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Embedders behind an API: OpenAI (and compatible), Ollama's /api/embed, and Voyage for Claude users. */
final class RemoteEmbedder implements Embedder {

    private final String model;
    private final int dimensions;
    private final int batch;
    private final Function<List<String>, List<float[]>> call;
    private final Function<String, float[]> query;

    private RemoteEmbedder(
            String model,
            int dimensions,
            int batch,
            Function<List<String>, List<float[]>> call,
            Function<String, float[]> query) {
        this.model = model;
        this.dimensions = dimensions;
        this.batch = batch;
        this.call = call;
        this.query = query != null ? query : text -> call.apply(List.of(text)).getFirst();
    }

    private RemoteEmbedder(String model, int dimensions, int batch, Function<List<String>, List<float[]>> call) {
        this(model, dimensions, batch, call, null);
    }

    @Override
    public String modelName() {
        return model;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        var out = new ArrayList<float[]>(texts.size());
        for (int from = 0; from < texts.size(); from += batch) {
            out.addAll(call.apply(texts.subList(from, Math.min(texts.size(), from + batch))));
        }
        return out;
    }

    @Override
    public float[] embedQuery(String text) {
        return query.apply(text);
    }

    /**
     * OpenAI's embeddings endpoint. We ask for floats: the SDK otherwise asks for base64 and
     * compatible servers differ in whether they honour it.
     */
    static RemoteEmbedder openAi(
            OpenAIClient client, String model, int dimensions, Function<Throwable, LlmException> errors) {
        return new RemoteEmbedder(model, dimensions, 256, texts -> {
            try {
                var response = client.embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .model(model)
                                .inputOfArrayOfStrings(texts)
                                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                                .build());
                return response.data().stream()
                        .sorted(Comparator.comparingLong(d -> d.index()))
                        .map(d -> toArray(d.embedding()))
                        .toList();
            } catch (OpenAIException e) {
                throw errors.apply(e);
            }
        });
    }

    static RemoteEmbedder ollama(HttpJson http, String model, int dimensions) {
        return new RemoteEmbedder(model, dimensions, 64, texts -> {
            JsonNode response = http.post("/api/embed", Map.of("model", model, "input", texts));
            return vectors(response.path("embeddings"), node -> node);
        });
    }

    /** Voyage's /v1/embeddings, told whether it embeds documents (indexing) or a query (search). */
    static RemoteEmbedder voyage(HttpJson http, String model, int dimensions) {
        return new RemoteEmbedder(
                model,
                dimensions,
                128,
                texts -> voyageCall(http, model, texts, "document"),
                text -> voyageCall(http, model, List.of(text), "query").getFirst());
    }

    private static List<float[]> voyageCall(HttpJson http, String model, List<String> texts, String inputType) {
        JsonNode response =
                http.post("/v1/embeddings", Map.of("model", model, "input", texts, "input_type", inputType));
        var data = new ArrayList<JsonNode>();
        response.path("data").forEach(data::add);
        data.sort(Comparator.comparingInt(d -> d.path("index").asInt()));
        return data.stream().map(d -> vector(d.path("embedding"))).toList();
    }

    private static List<float[]> vectors(JsonNode array, Function<JsonNode, JsonNode> pick) {
        var out = new ArrayList<float[]>();
        array.forEach(node -> out.add(vector(pick.apply(node))));
        return out;
    }

    private static float[] vector(JsonNode values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) values.get(i).asDouble();
        return v;
    }

    private static float[] toArray(List<Float> values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) v[i] = values.get(i);
        return v;
    }
}
