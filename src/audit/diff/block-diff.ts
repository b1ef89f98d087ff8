import { diffArrays } from 'diff';
import type { Block } from '../../articles/model/content.js';
import { sameJson } from './list-diff.js';
import { type TextChange, textChange, type ValueChange, valueChange } from './text-diff.js';

/**
 * The body aligned block by block. Indices are 0-based, `fromIndex` into the older body and
 * `toIndex` into the newer one; a UI renders the list in order. `changed` pairs a removed block
 * with an added block of the same type at the same place, and says what changed inside it.
 */
export type BlockChange =
  | { readonly op: 'unchanged'; readonly fromIndex: number; readonly toIndex: number; readonly block: Block }
  | { readonly op: 'added'; readonly toIndex: number; readonly block: Block }
  | { readonly op: 'removed'; readonly fromIndex: number; readonly block: Block }
  | {
      readonly op: 'changed';
      readonly fromIndex: number;
      readonly toIndex: number;
      readonly type: Block['type'];
      readonly before: Block;
      readonly after: Block;
      readonly text?: TextChange;
      readonly attribution?: ValueChange<string | null>;
      readonly role?: ValueChange<string | null>;
    };

/** The aligned body, or undefined when the bodies are identical. */
export function bodyChanges(before: readonly Block[], after: readonly Block[]): BlockChange[] | undefined {
  if (sameJson(before, after)) return undefined;
  const changes: BlockChange[] = [];
  let fromIndex = 0;
  let toIndex = 0;
  let removed: Block[] = [];
  const flushRemoved = (added: readonly Block[]) => {
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const old = removed[k];
      const neu = added[k];
      if (k < pairs && old !== undefined && neu !== undefined && old.type === neu.type) {
        changes.push(changedBlock(fromIndex++, toIndex++, old, neu));
        continue;
      }
      if (old !== undefined) changes.push({ op: 'removed', fromIndex: fromIndex++, block: old });
      if (neu !== undefined) changes.push({ op: 'added', toIndex: toIndex++, block: neu });
    }
    removed = [];
  };
  for (const part of diffArrays([...before], [...after], { comparator: sameJson })) {
    if (part.removed) {
      flushRemoved([]);
      removed = part.value;
    } else if (part.added) {
      flushRemoved(part.value);
    } else {
      flushRemoved([]);
      for (const block of part.value) changes.push({ op: 'unchanged', fromIndex: fromIndex++, toIndex: toIndex++, block });
    }
  }
  flushRemoved([]);
  return changes;
}

function changedBlock(fromIndex: number, toIndex: number, before: Block, after: Block): BlockChange {
  const text = textChange(before.text, after.text);
  const attribution = valueChange(quoteField(before, 'attribution'), quoteField(after, 'attribution'));
  const role = valueChange(quoteField(before, 'role'), quoteField(after, 'role'));
  return {
    op: 'changed',
    fromIndex,
    toIndex,
    type: after.type,
    before,
    after,
    ...(text === undefined ? {} : { text }),
    ...(attribution === undefined ? {} : { attribution }),
    ...(role === undefined ? {} : { role }),
  };
}

function quoteField(block: Block, field: 'attribution' | 'role'): string | null {
  return block.type === 'quote' ? (block[field] ?? null) : null;
}
