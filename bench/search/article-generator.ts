import type { ArticleContent, Block } from '../../src/articles/model/content.js';
import { SeededRandom } from './seeded-random.js';
import { COMMON_SENTENCES, DAYS, type Desk, DESKS, FIRST_NAMES, INSTITUTIONS, LAST_NAMES, PLACES, ROLES, SOURCES } from './word-lists.js';

export interface GeneratedArticle {
  readonly desk: Desk;
  readonly place: string;
  readonly content: ArticleContent;
  /** Words in the article (all texts), for words-per-second figures. */
  readonly words: number;
}

/**
 * Indonesian news articles from the word lists: a desk (topic) chosen by weight, a place and people,
 * a headline and dek from the desk's patterns, four to eight paragraphs of two to four sentences, up
 * to two attributed quotes, one or two sources. Deterministic for a seed.
 */
export class ArticleGenerator {
  private readonly random: SeededRandom;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  next(): GeneratedArticle {
    const r = this.random;
    const desk = r.weighted(DESKS);
    const place = r.pick(PLACES);
    const fill = (template: string): string => this.fill(template, place);
    const body: Block[] = [];
    const paragraphs = r.int(4, 8);
    for (let p = 0; p < paragraphs; p += 1) {
      const sentences = Array.from({ length: r.int(2, 4) }, () => fill(r.next() < 0.7 ? r.pick(desk.sentences) : r.pick(COMMON_SENTENCES)));
      body.push({ type: 'paragraph', text: sentences.join(' ') });
      if (p === 1 || (p === 4 && r.next() < 0.5)) {
        body.push({ type: 'quote', text: r.pick(desk.quotes), attribution: this.person(), role: `${r.pick(ROLES)} ${place}` });
      }
      if (p === 2 && r.next() < 0.3)
        body.push({ type: 'heading', text: fill(`${r.int(1, 3)}. ${capitalise(r.pick(desk.nouns))} di {place}`) });
    }
    const sources = Array.from({ length: r.int(1, 2) }, () => ({ name: r.pick(SOURCES) }));
    const content: ArticleContent = {
      headline: fill(r.pick(desk.headlines)),
      dek: fill(r.pick(desk.deks)),
      dateline: `${place}, Redaksi`,
      language: 'id',
      body,
      sources,
      topics: [desk.topic, place],
    };
    return { desk, place, content, words: countWords(content) };
  }

  private person(): string {
    return `${this.random.pick(FIRST_NAMES)} ${this.random.pick(LAST_NAMES)}`;
  }

  private fill(template: string, place: string): string {
    const r = this.random;
    return template.replace(/\{(\w+)\}/g, (_slot, name: string) => {
      switch (name) {
        case 'place':
          return place;
        case 'person':
          return this.person();
        case 'role':
          return r.pick(ROLES);
        case 'inst':
          return r.pick(INSTITUTIONS);
        case 'n':
          return String(r.int(2, 950));
        case 'day':
          return r.pick(DAYS);
        case 'source':
          return r.pick(SOURCES);
        default:
          throw new Error(`No filler for {${name}}`);
      }
    });
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function countWords(content: ArticleContent): number {
  const texts = [
    content.headline,
    content.dek,
    content.dateline,
    ...content.body.map((block) => block.text),
    ...content.sources.map((s) => s.name),
  ];
  return texts.reduce((sum, text) => sum + (text.match(/\S+/g)?.length ?? 0), 0);
}
