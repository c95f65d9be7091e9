import { memo, useMemo, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { ChatCodeBlock } from "./chat-code-block";

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/**
 * Raw HTML in a reply is shown as the text it is, never rendered: a `<script>` or an `<img onerror>`
 * the model (or a document it read) wrote stays harmless characters on screen.
 */
function htmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

function textOf(node: HastNode | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}

interface Props {
  text: string;
  streaming?: boolean;
  cluster?: string;
  namespace?: string;
}

/**
 * Splits markdown into top-level blocks at blank lines outside code fences. While a reply streams only
 * its last block changes, so the blocks before it are parsed and rendered once, not on every token.
 */
export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) fence = fence === null ? marker : null;
    if (fence === null && line.trim() === "" && current.length > 0 && !marker) {
      blocks.push(current.join("\n"));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) blocks.push(current.join("\n"));
  return blocks;
}

function useComponents(cluster: string | undefined, namespace: string | undefined, streaming: boolean): Components {
  return useMemo<Components>(
    () => ({
      pre: ({ node }) => {
        const code = (node as HastNode | undefined)?.children?.find((c) => c.tagName === "code");
        const className = code?.properties?.className;
        const lang = Array.isArray(className) ? String(className.find((c) => String(c).startsWith("language-")) ?? "").slice(9) : undefined;
        return <ChatCodeBlock code={textOf(code)} lang={lang || undefined} cluster={cluster} namespace={namespace} streaming={streaming} />;
      },
      a: ({ href, children }) => (
        <a href={href} target="_blank" rel="noreferrer noopener" className="text-teal-700 underline dark:text-teal-300">
          {children}
        </a>
      ),
      table: ({ children }) => (
        <div className="my-2 overflow-x-auto">
          <table className="min-w-full border-collapse text-xs">{children}</table>
        </div>
      ),
      th: ({ children }): ReactNode => <th className="border border-slate-200 px-2 py-1 text-left font-semibold dark:border-slate-700">{children}</th>,
      td: ({ children }): ReactNode => <td className="border border-slate-200 px-2 py-1 dark:border-slate-700">{children}</td>,
    }),
    [cluster, namespace, streaming],
  );
}

const plugins = [remarkGfm, htmlAsText];
const disallowed = ["img"];

const MarkdownBlock = memo(function MarkdownBlock({ text, streaming, cluster, namespace }: Props) {
  const components = useComponents(cluster, namespace, !!streaming);
  return (
    <Markdown remarkPlugins={plugins} components={components} disallowedElements={disallowed} unwrapDisallowed skipHtml={false}>
      {text}
    </Markdown>
  );
});

/** A reply's markdown: headings, lists, tables, code; links open in a new tab; images are not loaded. */
export const ChatMarkdown = memo(function ChatMarkdown({ text, streaming, cluster, namespace }: Props) {
  const blocks = splitBlocks(text);
  return (
    <div className="chat-markdown">
      {blocks.map((block, i) => (
        <MarkdownBlock key={i} text={block} streaming={streaming && i === blocks.length - 1} cluster={cluster} namespace={namespace} />
      ))}
    </div>
  );
});
