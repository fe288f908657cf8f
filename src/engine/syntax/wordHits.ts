import { changedStretch } from '../text';

// Where the words of a keyword list occur in a text, remembered for the last text searched with
// that list: a document being typed in is searched again only around the edit (the words before it
// stay where they were, those after it move by the change in length), not from end to end on every
// keystroke. Another text (another file) shares little with the last one and is searched whole.

/** One occurrence: where it starts, the length of the word found there and its place in the list. */
export interface WordHit {
  at: number;
  length: number;
  word: number;
}

const last = new WeakMap<readonly string[], { text: string; hits: WordHit[] }>();

/** Every occurrence of each of `words` in `text` (overlapping ones too), by position, then by the word's place in the list. */
export function wordHits(text: string, words: readonly string[]): WordHit[] {
  const previous = last.get(words);
  const hits = previous ? rescanEdited(previous.text, text, previous.hits, words) : search(text, words, 0, text.length);
  last.set(words, { text, hits });
  return hits;
}

/** The hits of `words` that start in [from, to). */
function search(text: string, words: readonly string[], from: number, to: number): WordHit[] {
  const hits: WordHit[] = [];
  // Searched in the stretch itself: a word missing from it must not send indexOf to the end of a large file.
  const longest = Math.max(0, ...words.map((word) => word.length));
  const stretch = from === 0 && to >= text.length ? text : text.slice(from, Math.min(text.length, to + longest - 1));
  const end = to - from;
  words.forEach((word, index) => {
    for (let at = stretch.indexOf(word); at !== -1 && at < end; at = stretch.indexOf(word, at + 1)) hits.push({ at: at + from, length: word.length, word: index });
  });
  return hits.sort((a, b) => a.at - b.at || a.word - b.word);
}

function rescanEdited(oldText: string, text: string, oldHits: readonly WordHit[], words: readonly string[]): WordHit[] {
  if (oldText === text) return [...oldHits];
  const { start, oldEnd, newEnd } = changedStretch(oldText, text);
  const longest = Math.max(0, ...words.map((word) => word.length));
  // A word ending inside the edit or just after it may have changed: everything that starts from
  // one word length before the edit up to the edit's new end is searched again.
  const from = Math.max(0, start - longest + 1);
  const shift = newEnd - oldEnd;
  return [
    ...oldHits.filter((hit) => hit.at < from),
    ...search(text, words, from, newEnd),
    ...oldHits.filter((hit) => hit.at >= oldEnd).map((hit) => ({ ...hit, at: hit.at + shift })),
  ];
}
