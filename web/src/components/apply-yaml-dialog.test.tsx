import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import type { ChangeResult } from "@/types/api";
import { ApplyYamlDialog } from "./apply-yaml-dialog";

const result = (dryRun: boolean): ChangeResult => ({
  dryRun,
  changes: [
    {
      kind: "Deployment",
      namespace: "shop",
      name: "web",
      operation: "configured",
      before: null,
      after: null,
      diff: " spec:\n-  replicas: 2\n+  replicas: 3",
      conflicts: [{ manager: "kube-controller-manager", field: "spec.replicas" }],
    },
  ],
});

describe("ApplyYamlDialog", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("names the field taken from another manager, and the apply takes over exactly that", async () => {
    let calls = 0;
    const fake = fakeFetch([{ method: "POST", path: "/api/clusters/demo/apply", body: result(true) }]);
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      calls++;
      const answer = await fake.fn(input, init);
      return calls === 1 ? answer : new Response(JSON.stringify(result(false)), { status: 200 });
    });
    renderWithProviders(<ApplyYamlDialog cluster="demo" namespace="shop" yaml="kind: Deployment" onClose={vi.fn()} />);

    expect(await screen.findByRole("note", { name: "Fields taken over in web" })).toHaveTextContent(
      "Takes over spec.replicas from manager 'kube-controller-manager'",
    );
    expect(fake.calls[0].body).toMatchObject({ dryRun: true });
    await userEvent.click(screen.getByRole("button", { name: "Apply" }));
    await waitFor(() => expect(fake.calls).toHaveLength(2));
    expect(fake.calls[1].body).toMatchObject({
      dryRun: false,
      takeOver: [{ manager: "kube-controller-manager", field: "spec.replicas" }],
    });
  });
});
