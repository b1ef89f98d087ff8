/**
 * Remembers a pure function's answers for the words a newsroom writes again and again. Bounded: when
 * full it starts over, which costs a little time and never changes an answer.
 */
export function memoize(fn: (word: string) => string, capacity: number): (word: string) => string {
  const answers = new Map<string, string>();
  return (word) => {
    const known = answers.get(word);
    if (known !== undefined) return known;
    if (answers.size >= capacity) answers.clear();
    const answer = fn(word);
    answers.set(word, answer);
    return answer;
  };
}
