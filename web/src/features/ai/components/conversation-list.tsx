import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextInput } from "@/components/ui/field";
import { InlineError, Spinner } from "@/components/ui/states";
import { age } from "@/lib/format";
import { cn } from "@/lib/cn";
import { useConversations, useDeleteConversation, useRenameConversation } from "../api/conversations";
import type { ConversationSummary } from "../api/protocol";

interface Props {
  activeId: string | null;
  onOpen: (conversation: ConversationSummary) => void;
  onNew: () => void;
  onDeleted: (id: string) => void;
}

/** Earlier chats, newest first: search, open, rename, delete (after asking). */
export function ConversationList({ activeId, onOpen, onNew, onDeleted }: Props) {
  const [q, setQ] = useState("");
  const deferred = useDeferredValue(q.trim());
  const list = useConversations(deferred);
  const items = list.data?.pages.flatMap((p) => p.conversations) ?? [];
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);
  const remove = useDeleteConversation();

  return (
    <nav aria-label="Conversations" className="flex h-full flex-col gap-2 p-2">
      <Button variant="primary" size="sm" onClick={onNew}>
        New chat
      </Button>
      <TextInput
        autoFocus
        type="search"
        aria-label="Search conversations"
        placeholder="Search…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="text-xs"
      />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {list.isLoading && <Spinner label="Loading conversations" />}
        {list.isError && <InlineError error={list.error} />}
        {list.data && items.length === 0 && (
          <p className="p-2 text-xs text-slate-600 dark:text-slate-400">{deferred ? `No chats match “${deferred}”.` : "No chats yet."}</p>
        )}
        <ul className="space-y-0.5">
          {items.map((c) => (
            <ConversationRow key={c.id} conversation={c} active={c.id === activeId} onOpen={() => onOpen(c)} onDelete={() => setDeleting(c)} />
          ))}
        </ul>
        {list.hasNextPage && (
          <Button size="sm" variant="ghost" className="mt-1 w-full" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {list.isFetchingNextPage ? "Loading…" : "Older chats"}
          </Button>
        )}
      </div>
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.title}”?`}
          confirmLabel="Delete"
          danger
          pending={remove.isPending}
          onClose={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => {
                onDeleted(deleting.id);
                setDeleting(null);
              },
            })
          }
        >
          <p className="text-sm">The conversation and its messages are deleted. This cannot be undone.</p>
          <InlineError error={remove.error} />
        </ConfirmDialog>
      )}
    </nav>
  );
}

function ConversationRow({
  conversation,
  active,
  onOpen,
  onDelete,
}: {
  conversation: ConversationSummary;
  active: boolean;
  onOpen: () => void;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const rename = useRenameConversation();
  if (editing) {
    return (
      <li>
        <form
          className="flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            const t = title.trim();
            if (t) rename.mutate({ id: conversation.id, title: t }, { onSuccess: () => setEditing(false) });
          }}
        >
          <TextInput
            aria-label="Conversation title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                setEditing(false);
              }
            }}
            autoFocus
            className="py-1 text-xs"
          />
          <Button size="sm" type="submit" disabled={rename.isPending}>
            Save
          </Button>
        </form>
        <InlineError error={rename.error} />
      </li>
    );
  }
  return (
    <li className={cn("group flex items-center rounded-md", active ? "bg-teal-100 dark:bg-teal-900/40" : "hover:bg-slate-100 dark:hover:bg-slate-800")}>
      <button type="button" onClick={onOpen} aria-current={active || undefined} className="min-w-0 flex-1 px-2 py-1.5 text-left">
        <span className="block truncate text-xs font-medium">{conversation.title || "Untitled chat"}</span>
        <span className="block text-[11px] text-slate-600 dark:text-slate-400">{age(conversation.updatedAt)} ago</span>
      </button>
      <Button size="sm" variant="ghost" aria-label={`Rename ${conversation.title}`} title="Rename" onClick={() => setEditing(true)}>
        ✎
      </Button>
      <Button size="sm" variant="ghost" aria-label={`Delete ${conversation.title}`} title="Delete" onClick={onDelete}>
        🗑
      </Button>
    </li>
  );
}
