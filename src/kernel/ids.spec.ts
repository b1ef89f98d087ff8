import { commandIdFor, eventIdFor } from './ids.js';

describe('deterministic ids', () => {
  const commandId = commandIdFor('writer-dimas', 'kirim-ke-desk');

  it('derives the same command and event ids for a retry', () => {
    expect(commandIdFor('writer-dimas', 'kirim-ke-desk')).toBe(commandId);
    expect(eventIdFor('article-a', commandId, 0)).toBe(eventIdFor('article-a', commandId, 0));
  });

  it('keeps one key on two streams apart: the event ids differ by stream, as by index and by principal', () => {
    const ids = [
      eventIdFor('article-a', commandId, 0),
      eventIdFor('article-b', commandId, 0),
      eventIdFor('article-a', commandId, 1),
      eventIdFor('article-a', commandIdFor('writer-sari', 'kirim-ke-desk'), 0),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives a command without a key a fresh id each time', () => {
    expect(commandIdFor('writer-dimas', undefined)).not.toBe(commandIdFor('writer-dimas', undefined));
  });
});
