package dev.pilothouse.ai.provider;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One BERT-style sentence encoder in ONNX Runtime: word pieces in, one pooled unit vector out,
 * reading at most {@code maxPieces} word pieces of a text ([CLS] and [SEP] included).
 *
 * <p>langchain4j's {@code OnnxBertBiEncoder}, which this replaces for the default model, cuts a
 * text longer than 510 word pieces into partitions, runs the model on each and averages the
 * vectors, and tokenizes every text three times to do so. A capped text is read once: its
 * beginning, where a chunk carries its title, heading path and page description, then as much of
 * its body as fits. What lies beyond the cap is still stored, searched by full text and given to
 * the chat model; only the vector does not see it.
 */
final class BertEncoder {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final PoolingMode pooling;
    private final boolean tokenTypes;
    private final int maxPieces;

    BertEncoder(
            OrtEnvironment environment,
            OrtSession session,
            HuggingFaceTokenizer tokenizer,
            PoolingMode pooling,
            int maxPieces) {
        if (maxPieces < 3) throw new IllegalArgumentException("maxPieces must leave room for [CLS], a piece and [SEP]");
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.tokenTypes = session.getInputNames().contains("token_type_ids");
        this.maxPieces = maxPieces;
    }

    int maxPieces() {
        return maxPieces;
    }

    /**
     * The word-piece ids the model reads for this text: [CLS], the text's first pieces, [SEP];
     * at most {@link #maxPieces()}. A cut does not end inside a word when it can avoid it.
     */
    long[] wordPieces(String text) {
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds();
        if (ids.length <= maxPieces) return ids;
        String[] tokens = encoding.getTokens();
        // ids[0, end) are kept and [SEP] follows; tokens[end] is the first piece left out.
        int end = maxPieces - 1;
        int floor = Math.max(2, end - 16);
        while (end > floor && tokens[end].startsWith("##")) end--;
        if (tokens[end].startsWith("##")) end = maxPieces - 1; // one very long word: cut inside it
        long[] kept = Arrays.copyOf(ids, end + 1);
        kept[end] = ids[ids.length - 1];
        return kept;
    }

    /** The text's vector, of unit length. */
    float[] embed(String text) {
        long[] ids = wordPieces(text);
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typesTensor =
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idsTensor);
            inputs.put("attention_mask", maskTensor);
            if (tokenTypes) inputs.put("token_type_ids", typesTensor);
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] states = ((float[][][]) result.get(0).getValue())[0];
                return unit(pooling == PoolingMode.CLS ? states[0] : mean(states));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("The embedding model failed: " + e.getMessage(), e);
        }
    }

    /** Every position counts, [CLS] and [SEP] too (no padding here): as langchain4j pools. */
    private static float[] mean(float[][] states) {
        float[] out = new float[states[0].length];
        for (float[] s : states) {
            for (int j = 0; j < out.length; j++) out[j] += s[j];
        }
        for (int j = 0; j < out.length; j++) out[j] /= states.length;
        return out;
    }

    private static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) sum += x * x;
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] / norm;
        return out;
    }
}
