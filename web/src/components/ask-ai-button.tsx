import { Button } from "@/components/ui/button";
import { useLayoutStore } from "@/stores/layout";

/** Opens the assistant with the page's context and a suggested question in its message box. */
export function AskAiButton({ label, question }: { label: "Ask AI about this cluster" | "Ask AI about this resource"; question: string }) {
  const ask = useLayoutStore((s) => s.askAssistant);
  return (
    <Button onClick={() => ask(question)} title={`Opens the assistant with “${question}”`}>
      <span aria-hidden>✦</span>
      {label}
    </Button>
  );
}
