import type { ArticleContent, Block, Source } from './content.js';
import type { ValidationIssue } from './errors.js';

export const DEFAULT_LANGUAGE = 'id';

/**
 * Exactly the fields of ArticleContent and nothing else, so what is hashed and stored in
 * events never carries whatever else a caller's object happened to hold.
 */
export function normalizeContent(content: ArticleContent): ArticleContent {
  return {
    headline: content.headline,
    dek: content.dek,
    dateline: content.dateline,
    language: content.language.trim() === '' ? DEFAULT_LANGUAGE : content.language,
    body: content.body.map(normalizeBlock),
    sources: content.sources.map((source): Source =>
      source.url === undefined ? { name: source.name } : { name: source.name, url: source.url },
    ),
    topics: [...content.topics],
  };
}

function normalizeBlock(block: Block): Block {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return { type: block.type, text: block.text };
    case 'quote':
      return block.role === undefined
        ? { type: 'quote', text: block.text, attribution: block.attribution }
        : { type: 'quote', text: block.text, attribution: block.attribution, role: block.role };
  }
}

/** What any working copy must satisfy, draft or not. The HTTP DTO checks sizes and shapes. */
export function contentIssues(content: ArticleContent): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (isBlank(content.headline)) issues.push({ path: 'content.headline', message: 'A headline is required' });
  content.body.forEach((block, index) => {
    if (isBlank(block.text)) issues.push({ path: `content.body[${index}].text`, message: 'A block needs text' });
    if (block.type === 'quote' && isBlank(block.attribution)) {
      issues.push({ path: `content.body[${index}].attribution`, message: 'A quote must be attributed to someone' });
    }
  });
  content.sources.forEach((source, index) => {
    if (isBlank(source.name)) issues.push({ path: `content.sources[${index}].name`, message: 'A source needs a name' });
    if (source.url !== undefined && !isWebUrl(source.url)) {
      issues.push({ path: `content.sources[${index}].url`, message: 'A source url must be an http(s) URL' });
    }
  });
  content.topics.forEach((topic, index) => {
    if (isBlank(topic)) issues.push({ path: `content.topics[${index}]`, message: 'A topic cannot be blank' });
  });
  return issues;
}

export function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
