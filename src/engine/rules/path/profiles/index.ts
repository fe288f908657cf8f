import type { GrammarName } from '../../../syntax';
import type { PathProfile } from '../profile';
import { javascriptProfile } from './javascript';
import { pythonProfile } from './python';
import { goProfile } from './go';
import { javaProfile } from './java';
import { csharpProfile } from './csharp';
import { rubyProfile } from './ruby';
import { phpProfile } from './php';

const PROFILES: readonly PathProfile[] = [javascriptProfile, pythonProfile, goProfile, javaProfile, csharpProfile, rubyProfile, phpProfile];

const byGrammar = new Map<GrammarName, PathProfile>(PROFILES.flatMap((profile) => profile.grammars.map((grammar) => [grammar, profile] as [GrammarName, PathProfile])));

export function pathProfileFor(grammar: GrammarName): PathProfile | undefined {
  return byGrammar.get(grammar);
}
