import { grammarFor, parse, type GrammarName, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { CSHARP_KEYWORDS, scanCSharp } from './csharp';
import { GO_KEYWORDS, scanGo } from './go';
import { JAVA_KEYWORDS, scanJava } from './java';
import { JS_KEYWORDS, scanJavaScript } from './javascript';
import { KOTLIN_KEYWORDS, scanKotlin } from './kotlin';
import { PHP_KEYWORDS, scanPhp } from './php';
import { PYTHON_KEYWORDS, scanPython } from './python';
import { RUBY_KEYWORDS, scanRuby } from './ruby';
import { codeRules } from './rules';
import { optInCondition } from './branches';

// Source code: one matcher per grammar, run on the Tree-sitter tree only when the text holds one
// of its keywords (most files hold none and are never parsed for tls).

interface CodeScanner {
  keywords: readonly string[];
  scan: (root: SyntaxNode, text: string) => Detection[];
}

const SCANNERS: Partial<Record<GrammarName, CodeScanner>> = {
  javascript: { keywords: JS_KEYWORDS, scan: scanJavaScript },
  typescript: { keywords: JS_KEYWORDS, scan: scanJavaScript },
  tsx: { keywords: JS_KEYWORDS, scan: scanJavaScript },
  python: { keywords: PYTHON_KEYWORDS, scan: scanPython },
  go: { keywords: GO_KEYWORDS, scan: scanGo },
  java: { keywords: JAVA_KEYWORDS, scan: scanJava },
  'c-sharp': { keywords: CSHARP_KEYWORDS, scan: scanCSharp },
  ruby: { keywords: RUBY_KEYWORDS, scan: scanRuby },
  php: { keywords: PHP_KEYWORDS, scan: scanPhp },
};

/** Languages without a grammar in @vscode/tree-sitter-wasm, read by a text-level rule instead. */
const TEXT_SCANNERS: Record<string, { keywords: readonly string[]; scan: (text: string) => Detection[] }> = {
  kotlin: { keywords: KOTLIN_KEYWORDS, scan: scanKotlin },
};

function scannerFor(language: string): CodeScanner | undefined {
  const grammar = grammarFor(language);
  return grammar ? SCANNERS[grammar] : undefined;
}

/**
 * The cheap prefilter's words: a file of this language is parsed only if it holds one of them.
 * Undefined for a language this family does not handle.
 */
export function codeKeywordsFor(language: string): readonly string[] | undefined {
  return scannerFor(language)?.keywords ?? (Object.hasOwn(TEXT_SCANNERS, language) ? TEXT_SCANNERS[language].keywords : undefined);
}

/**
 * The findings of a source file that the detector's keyword gate let through (detectors/tls.ts:
 * it asked the keyword pass for these words already; looking for them again here read a large
 * file's whole text once more on every keystroke).
 */
export async function scanCode(text: string, language: string, state: Map<string, unknown>): Promise<Detection[]> {
  const scanner = scannerFor(language);
  if (!scanner && Object.hasOwn(TEXT_SCANNERS, language)) return TEXT_SCANNERS[language].scan(text);
  if (!scanner) return [];
  const tree = await parse(text, language, state);
  if (!tree) return [];
  const root = tree.rootNode;
  return scanner.scan(root, text).map((detection) => honourOptIn(detection, root));
}

const ERROR_RULES = new Set(codeRules.filter((rule) => rule.severity === 'error').map((rule) => rule.id));

/**
 * An Error set only under a condition that names an insecure opt-in (`if (options.tlsInsecure)`,
 * `if ssl == 'no-verify'`) honours the caller's explicit choice: a Warning that names the option.
 */
function honourOptIn(detection: Detection, root: SyntaxNode): Detection {
  if (detection.severity !== undefined || !ERROR_RULES.has(detection.ruleId)) return detection;
  // The condition may wrap the construct or, when the finding sits on the construct (a context's
  // creation, `tls.Config{`), the setting named as its related location.
  const condition = [detection, ...(detection.related ?? [])]
    .map(({ start, end }) => root.descendantForIndex(start, Math.max(start, end - 1)))
    .map((node) => node && optInCondition(node))
    .find((found) => found !== undefined);
  if (!condition) return detection;
  return {
    ...detection,
    severity: 'warning',
    message: `Only when \`${condition.slice(0, 40)}\` holds, an opt-in: make sure it cannot be set outside local development. ${detection.message}`,
  };
}
