import { memo, type ReactNode } from "react";
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

/** A reply's markdown: headings, lists, tables, code; links open in a new tab; images are not loaded. */
export const ChatMarkdown = memo(function ChatMarkdown({ text, streaming, cluster, namespace }: Props) {
  const components: Components = {
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
  };
  return (
    <div className="chat-markdown">
      <Markdown remarkPlugins={[remarkGfm, htmlAsText]} components={components} disallowedElements={["img"]} unwrapDisallowed skipHtml={false}>
        {text}
      </Markdown>
    </div>
  );
});
