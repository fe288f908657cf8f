import type { NegativeSample, PositiveSample } from '../../samples';

export type PathRuleName = 'traversal' | 'zip-slip' | 'cli-argument';

/** One language's samples for each path rule. */
export type LanguageSamples = Record<PathRuleName, { positive: PositiveSample[]; negative: NegativeSample[] }>;
