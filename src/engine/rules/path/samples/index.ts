import type { RuleSamples } from '../../samples';
import type { LanguageSamples, PathRuleName } from './types';
import { javascriptSamples } from './javascript';
import { pythonSamples } from './python';
import { goSamples } from './go';
import { javaSamples, csharpSamples } from './jvm';
import { rubySamples, phpSamples } from './scripting';
import { crossFunctionSamples } from './crossFunction';
import { frameworkSamples } from './frameworks';

const ALL: readonly LanguageSamples[] = [javascriptSamples, pythonSamples, goSamples, javaSamples, csharpSamples, rubySamples, phpSamples, crossFunctionSamples, frameworkSamples];

export function samplesFor(rule: PathRuleName): RuleSamples {
  return {
    positive: () => ALL.flatMap((language) => language[rule].positive),
    negative: () => ALL.flatMap((language) => language[rule].negative),
  };
}
