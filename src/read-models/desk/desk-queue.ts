import { Injectable } from '@nestjs/common';
import type { ArticleStatus } from '../../articles/model/state.js';
import { decodeCursor, encodeCursor } from '../../platform/projections/cursor.js';
import { ReadModels } from '../../platform/projections/read-models.js';
import { deskProjection, deskTopicKey } from './desk.projection.js';
import type { DeskItem, DeskPage, DeskQueue } from './desk-view.js';

export interface DeskFilter {
  readonly status?: DeskQueue;
  readonly authorId?: string;
  readonly topic?: string;
  readonly cursor?: string;
  readonly limit: number;
}

interface DeskRow {
  article_id: string;
  author_id: string;
  author_name: string;
  status: ArticleStatus;
  headline: string;
  topics: string;
  revision: number;
  slug: string | null;
  live_published_at: string | null;
  publish_at: string | null;
  scheduled_by: string | null;
  verified_by: string | null;
  verified_at: string | null;
  unpublished_mode: 'withdraw' | 'takedown' | null;
  created_at: string;
  updated_at: string;
}

interface NoteRow {
  article_id: string;
  notes: string;
  by_name: string;
  at: string;
}

const PENDING = `a.live_published_at IS NOT NULL AND a.status IN ('draft', 'in_review', 'verified')`;

/**
 * The desk queue. Most recently changed first; the scheduled queue instead in the order the articles go
 * out (publishAt, soonest first).
 */
@Injectable()
export class DeskQueueQuery {
  constructor(private readonly readModels: ReadModels) {}

  page(filter: DeskFilter): DeskPage {
    const bySchedule = filter.status === 'scheduled';
    const sortColumn = bySchedule ? 'a.publish_at' : 'a.updated_at';
    const after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor, 2);
    return this.readModels.query(deskProjection, (q) => {
      const t = q.tables;
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, ...values: unknown[]): void => {
        where.push(clause);
        params.push(...values);
      };
      if (filter.status === 'pending_changes') add(PENDING);
      else if (filter.status !== undefined) add('a.status = ?', filter.status);
      if (filter.authorId !== undefined) add('a.author_id = ?', filter.authorId);
      if (filter.topic !== undefined) {
        add(`EXISTS (SELECT 1 FROM ${t.topics} tp WHERE tp.article_id = a.article_id AND tp.topic_key = ?)`, deskTopicKey(filter.topic));
      }
      if (after !== undefined) add(`(${sortColumn}, a.article_id) ${bySchedule ? '>' : '<'} (?, ?)`, ...after);
      const order = bySchedule ? 'ASC' : 'DESC';
      const rows = q.all<DeskRow>(
        `SELECT a.* FROM ${t.articles} a ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${sortColumn} ${order}, a.article_id ${order} LIMIT ?`,
        ...params,
        filter.limit + 1,
      );
      const page = rows.slice(0, filter.limit);
      const notes = q.all<NoteRow>(
        `SELECT article_id, notes, by_name, at FROM ${t.notes}
          WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, revision`,
        JSON.stringify(page.map((row) => row.article_id)),
      );
      const last = page.at(-1);
      return {
        items: page.map((row) => toItem(row, notes)),
        nextCursor:
          rows.length > filter.limit && last !== undefined
            ? encodeCursor([(bySchedule ? last.publish_at : last.updated_at) ?? '', last.article_id])
            : null,
      };
    });
  }
}

function toItem(row: DeskRow, notes: readonly NoteRow[]): DeskItem {
  const live = row.live_published_at !== null && row.slug !== null ? { slug: row.slug, publishedAt: row.live_published_at } : null;
  return {
    id: row.article_id,
    headline: row.headline,
    author: { id: row.author_id, name: row.author_name },
    status: row.status,
    pendingChanges: live !== null && (row.status === 'draft' || row.status === 'in_review' || row.status === 'verified'),
    topics: JSON.parse(row.topics) as string[],
    live,
    schedule: row.publish_at !== null ? { publishAt: row.publish_at, by: row.scheduled_by ?? '' } : null,
    verification: row.verified_at !== null ? { by: row.verified_by ?? '', at: row.verified_at } : null,
    unpublished: row.unpublished_mode !== null && row.status === 'unpublished' ? { mode: row.unpublished_mode } : null,
    editorNotes: notes
      .filter((note) => note.article_id === row.article_id)
      .map((note) => ({ notes: note.notes, by: note.by_name, at: note.at })),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
