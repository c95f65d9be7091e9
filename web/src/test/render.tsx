import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { MemoryRouter, Route, Routes } from "react-router";

export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/** Renders with a fresh query client and a router at `path` (matched by `route`). */
export function renderWithProviders(ui: ReactElement, { path = "/", route = "*" }: { path?: string; route?: string } = {}) {
  const client = testQueryClient();
  const result = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={route} element={ui} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, client };
}

export interface FakeRoute {
  method?: string;
  path: string | RegExp;
  status?: number;
  body?: unknown;
}

/** A stand-in fetch answering by method and path; records every request it sees. */
export function fakeFetch(routes: FakeRoute[]) {
  const calls: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ method, url, headers, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const pathOnly = url.split("?")[0];
    const route = routes.find((r) => (r.method ?? "GET") === method && (typeof r.path === "string" ? r.path === pathOnly : r.path.test(url)));
    if (!route) return new Response(JSON.stringify({ error: { code: "not_found", message: `no fake for ${method} ${url}` } }), { status: 404 });
    const status = route.status ?? 200;
    return new Response(status === 204 ? null : typeof route.body === "string" ? route.body : JSON.stringify(route.body ?? {}), { status });
  };
  return { fn, calls };
}
