import type { ArticleStatus } from '../../articles/model/state.js';

/** One line of the desk queue: the working copy's place in the workflow and what the desk acts on. */
export interface DeskItem {
  readonly id: string;
  /** The working copy's headline (not necessarily what is live). */
  readonly headline: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly status: ArticleStatus;
  /** A live copy exists and the working copy is being changed (draft, in review or verified). */
  readonly pendingChanges: boolean;
  readonly topics: readonly string[];
  readonly live: { readonly slug: string; readonly publishedAt: string } | null;
  readonly schedule: { readonly publishAt: string; readonly by: string } | null;
  readonly verification: { readonly by: string; readonly at: string } | null;
  readonly unpublished: { readonly mode: 'withdraw' | 'takedown' } | null;
  /** Editors' notes from requested changes, oldest first. */
  readonly editorNotes: readonly { readonly notes: string; readonly by: string; readonly at: string }[];
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DeskPage {
  readonly items: readonly DeskItem[];
  readonly nextCursor: string | null;
}

/** The statuses of the workflow, plus the queue of published articles with pending changes. */
export const DESK_QUEUES = ['draft', 'in_review', 'verified', 'scheduled', 'published', 'unpublished', 'pending_changes'] as const;
export type DeskQueue = (typeof DESK_QUEUES)[number];
