import type { Candidate } from './detect';

// What each rule found in each line segment during the previous scan of a document, keyed on
// the segment's text. Matching depends only on that text (the rule's patterns run on the
// segment alone, and the gates judge the value alone), so an unchanged segment gives the same
// candidates; only the cross-rule bookkeeping (overlaps, literal quotes) is redone per scan.
// Entries not used by a scan are dropped at its end, so memory follows the document's size.

export class SegmentCache {
  private previous: Map<string, readonly Candidate[]>[] = [];
  private current: Map<string, readonly Candidate[]>[] = [];
  hits = 0;
  misses = 0;

  /** The candidates of rule `rule` in `segment`, computed by `match` only when not remembered. */
  get(rule: number, segment: string, match: () => readonly Candidate[]): readonly Candidate[] {
    const now = (this.current[rule] ??= new Map());
    let found = now.get(segment) ?? this.previous[rule]?.get(segment);
    if (found === undefined) {
      this.misses += 1;
      found = match();
    } else {
      this.hits += 1;
    }
    now.set(segment, found);
    return found;
  }

  /** Forgets what the scan just finished did not use. */
  endScan(): void {
    this.previous = this.current;
    this.current = [];
  }
}
