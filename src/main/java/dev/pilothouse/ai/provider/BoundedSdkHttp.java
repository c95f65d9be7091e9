package dev.pilothouse.ai.provider;

import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The OpenAI and Anthropic SDKs' HTTP clients with every response body {@link BoundedBody
 * bounded}. Both SDKs take a client of their own interface (the same shape in two packages),
 * so the OkHttp client they bring is wrapped, not replaced.
 */
final class BoundedSdkHttp {

    private BoundedSdkHttp() {}

    static com.openai.core.http.HttpClient openAi(com.openai.core.http.HttpClient next, RemoteApi provider) {
        return new com.openai.core.http.HttpClient() {
            @Override
            public com.openai.core.http.HttpResponse execute(
                    com.openai.core.http.HttpRequest request, com.openai.core.RequestOptions options) {
                return bounded(next.execute(request, options), provider);
            }

            @Override
            public CompletableFuture<com.openai.core.http.HttpResponse> executeAsync(
                    com.openai.core.http.HttpRequest request, com.openai.core.RequestOptions options) {
                return next.executeAsync(request, options).thenApply(r -> bounded(r, provider));
            }

            @Override
            public void close() {
                next.close();
            }
        };
    }

    static com.anthropic.core.http.HttpClient anthropic(com.anthropic.core.http.HttpClient next, RemoteApi provider) {
        return new com.anthropic.core.http.HttpClient() {
            @Override
            public com.anthropic.core.http.HttpResponse execute(
                    com.anthropic.core.http.HttpRequest request, com.anthropic.core.RequestOptions options) {
                return bounded(next.execute(request, options), provider);
            }

            @Override
            public CompletableFuture<com.anthropic.core.http.HttpResponse> executeAsync(
                    com.anthropic.core.http.HttpRequest request, com.anthropic.core.RequestOptions options) {
                return next.executeAsync(request, options).thenApply(r -> bounded(r, provider));
            }

            @Override
            public void close() {
                next.close();
            }
        };
    }

    private static com.openai.core.http.HttpResponse bounded(com.openai.core.http.HttpResponse r, RemoteApi provider) {
        return new com.openai.core.http.HttpResponse() {
            // The SDK may ask for the body more than once; it is one stream.
            private InputStream body;

            @Override
            public int statusCode() {
                return r.statusCode();
            }

            @Override
            public com.openai.core.http.Headers headers() {
                return r.headers();
            }

            @Override
            public Optional<String> requestId() {
                return r.requestId();
            }

            @Override
            public synchronized InputStream body() {
                if (body == null)
                    body = BoundedBody.of(
                            r.body(), provider, r.statusCode(), r.headers().values("Content-Type"));
                return body;
            }

            @Override
            public void close() {
                r.close();
            }
        };
    }

    private static com.anthropic.core.http.HttpResponse bounded(
            com.anthropic.core.http.HttpResponse r, RemoteApi provider) {
        return new com.anthropic.core.http.HttpResponse() {
            private InputStream body;

            @Override
            public int statusCode() {
                return r.statusCode();
            }

            @Override
            public com.anthropic.core.http.Headers headers() {
                return r.headers();
            }

            @Override
            public Optional<String> requestId() {
                return r.requestId();
            }

            @Override
            public Optional<String> workspaceId() {
                return r.workspaceId();
            }

            @Override
            public synchronized InputStream body() {
                if (body == null)
                    body = BoundedBody.of(
                            r.body(), provider, r.statusCode(), r.headers().values("Content-Type"));
                return body;
            }

            @Override
            public void close() {
                r.close();
            }
        };
    }
}
