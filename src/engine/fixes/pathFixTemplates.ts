import type { SyntaxNode } from '../syntax';

// The containment check, written in each language: the lines inserted before the statement that
// uses the joined path, and the name that replaces the join in it. Every template resolves both
// the base folder and the joined path the language's own way (`..` removed), refuses a path that
// does not lie inside the base, and stops the request or the function: an HTTP 400 where the
// handler's response object is in reach (Express, Fastify, net/http), an exception elsewhere.

export interface CheckTemplate {
  lines: string[];
  /** What replaces the join call in the statement. */
  variable: string;
}

export interface TemplateInput {
  grammar: string;
  /** The base folder expression (`ROOT`, `'/srv/files'`). */
  base: string;
  /** The join call's text (`path.join(ROOT, name)`). */
  joined: string;
  /** How the join is called (`path.join`, `new File`, `filepath.Join`, `Path.Combine`). */
  joinCall: string;
  /** The statement the lines go before. */
  statement: SyntaxNode;
  /** A name not used in the file yet, built from `base`. */
  freeName(base: string): string;
}

const MESSAGE = 'path escapes its base folder';

/** The nearest enclosing function's parameter names. */
function enclosingParameters(node: SyntaxNode): string[] {
  for (let at = node.parent; at; at = at.parent) {
    const params = at.childForFieldName('parameters') ?? at.childForFieldName('parameter');
    if (!params || !/function|method|arrow|lambda|func_literal/.test(at.type)) continue;
    if (/identifier/.test(params.type)) return [params.text];
    return params.namedChildren.flatMap((param) => {
      const name = param?.childForFieldName('name') ?? param?.childForFieldName('pattern') ?? param;
      return name && /identifier/.test(name.type) ? [name.text] : [];
    });
  }
  return [];
}

/** The Go function around `node`: its parameter list text and whether it returns anything. */
function goFunction(node: SyntaxNode): { params: string; returnsNothing: boolean } | undefined {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type !== 'function_declaration' && at.type !== 'method_declaration' && at.type !== 'func_literal') continue;
    return { params: at.childForFieldName('parameters')?.text ?? '', returnsNothing: !at.childForFieldName('result') };
  }
  return undefined;
}

function javascript({ base, joined, joinCall, statement, freeName }: TemplateInput): CheckTemplate | undefined {
  const module = /^(\w+)\.(?:join|resolve)$/.exec(joinCall)?.[1];
  if (!module) return undefined;
  const variable = freeName('safePath');
  const root = freeName('baseDir');
  // In an Express/Koa-style handler the request ends with a 400; elsewhere the function throws.
  const params = enclosingParameters(statement);
  const response = params.find((name) => name === 'res' || name === 'response');
  const stop = response
    ? `  return ${response}.status(400).send('invalid path');`
    : params.includes('reply')
      ? "  return reply.code(400).send('invalid path');"
      : `  throw new Error('${MESSAGE}');`;
  return {
    variable,
    lines: [
      `const ${root} = ${module}.resolve(${base});`,
      `const ${variable} = ${module}.resolve(${joined});`,
      `if (${variable} !== ${root} && !${variable}.startsWith(${root} + ${module}.sep)) {`,
      stop,
      '}',
    ],
  };
}

function python({ base, joined, joinCall, freeName }: TemplateInput): CheckTemplate {
  const module = /^(.*)\.join$/.exec(joinCall)?.[1] ?? 'os.path';
  const variable = freeName('safe_path');
  const root = freeName('base_dir');
  return {
    variable,
    lines: [
      `${root} = ${module}.realpath(${base})`,
      `${variable} = ${module}.realpath(${joined})`,
      `if ${module}.commonpath([${root}, ${variable}]) != ${root}:`,
      `    raise ValueError("${MESSAGE}")`,
    ],
  };
}

function ruby({ base, joined, freeName }: TemplateInput): CheckTemplate {
  const variable = freeName('safe_path');
  const root = freeName('base_dir');
  return {
    variable,
    lines: [
      `${root} = File.expand_path(${base})`,
      `${variable} = File.expand_path(${joined})`,
      `raise ArgumentError, '${MESSAGE}' unless ${variable}.start_with?(${root} + File::SEPARATOR)`,
    ],
  };
}

function java({ base, joined, joinCall, freeName }: TemplateInput): CheckTemplate | undefined {
  const root = freeName('baseDir');
  if (joinCall === 'new File' || joinCall === 'new java.io.File') {
    // new File(parent, "") is the parent itself, whether parent is a String or a File.
    const variable = freeName('safeFile');
    return {
      variable,
      lines: [
        `java.nio.file.Path ${root} = new java.io.File(${base}, "").toPath().toAbsolutePath().normalize();`,
        `java.io.File ${variable} = ${joined};`,
        `if (!${variable}.toPath().toAbsolutePath().normalize().startsWith(${root})) {`,
        `    throw new SecurityException("${MESSAGE}");`,
        '}',
      ],
    };
  }
  if (!/^(java\.nio\.file\.)?(Paths\.get|Path\.of)$/.test(joinCall)) return undefined;
  const variable = freeName('safePath');
  return {
    variable,
    lines: [
      `java.nio.file.Path ${root} = java.nio.file.Paths.get(${base}).toAbsolutePath().normalize();`,
      `java.nio.file.Path ${variable} = ${joined}.toAbsolutePath().normalize();`,
      `if (!${variable}.startsWith(${root})) {`,
      `    throw new SecurityException("${MESSAGE}");`,
      '}',
    ],
  };
}

function go({ base, joined, joinCall, statement, freeName }: TemplateInput): CheckTemplate | undefined {
  if (joinCall !== 'filepath.Join') return undefined;
  const variable = freeName('safePath');
  const rel = freeName('rel');
  const fn = goFunction(statement);
  // A net/http handler answers 400; any other function panics (its results are unknown here).
  // `(w http.ResponseWriter, r *http.Request)`: read word by word, no pattern scanning the list.
  const writer = fn?.returnsNothing
    ? fn.params.slice(1, -1).split(',').map((part) => part.trim().split(/\s+/)).find((words) => words.length === 2 && words[1] === 'http.ResponseWriter')?.[0]
    : undefined;
  const stop = writer ? [`\thttp.Error(${writer}, "invalid path", http.StatusBadRequest)`, '\treturn'] : [`\tpanic("${MESSAGE}")`];
  return {
    variable,
    lines: [
      `${variable} := ${joined}`,
      // filepath.IsLocal (Go 1.20): a relative path that stays inside, no "..", not absolute.
      `if ${rel}, err := filepath.Rel(${base}, ${variable}); err != nil || !filepath.IsLocal(${rel}) {`,
      ...stop,
      '}',
    ],
  };
}

function csharp({ base, joined, joinCall, freeName }: TemplateInput): CheckTemplate | undefined {
  // Path.Combine or System.IO.Path.Combine: `Path` written the way this file already writes it.
  const pathClass = /^((?:System\.IO\.)?Path)\.(?:Combine|Join)$/.exec(joinCall)?.[1];
  if (!pathClass) return undefined;
  const variable = freeName('safePath');
  const root = freeName('baseDir');
  return {
    variable,
    lines: [
      `var ${root} = ${pathClass}.GetFullPath(${base}).TrimEnd(${pathClass}.DirectorySeparatorChar) + ${pathClass}.DirectorySeparatorChar;`,
      `var ${variable} = ${pathClass}.GetFullPath(${joined});`,
      `if (!${variable}.StartsWith(${root}, System.StringComparison.Ordinal))`,
      '{',
      `    throw new System.UnauthorizedAccessException("${MESSAGE}");`,
      '}',
    ],
  };
}

function php({ base, joined, freeName }: TemplateInput): CheckTemplate {
  const variable = `$${freeName('safePath')}`;
  const root = `$${freeName('baseDir')}`;
  return {
    variable,
    lines: [
      `${root} = realpath(${base});`,
      `${variable} = realpath(${joined});`,
      `if (${root} === false || ${variable} === false || strpos(${variable}, ${root} . DIRECTORY_SEPARATOR) !== 0) {`,
      `    throw new \\RuntimeException('${MESSAGE}');`,
      '}',
    ],
  };
}

const TEMPLATES: Record<string, (input: TemplateInput) => CheckTemplate | undefined> = {
  javascript, typescript: javascript, tsx: javascript, python, ruby, java, go, 'c-sharp': csharp, php,
};

/** Node types whose children are statements, per grammar: where the check's lines can go. */
export const STATEMENT_PARENTS: Record<string, string[]> = {
  javascript: ['program', 'statement_block', 'switch_case', 'switch_default'],
  typescript: ['program', 'statement_block', 'switch_case', 'switch_default'],
  tsx: ['program', 'statement_block', 'switch_case', 'switch_default'],
  python: ['module', 'block'],
  ruby: ['program', 'body_statement', 'then', 'else', 'block_body', 'do', 'begin'],
  java: ['block', 'constructor_body', 'switch_block_statement_group'],
  go: ['block', 'statement_list'],
  'c-sharp': ['block'],
  php: ['program', 'compound_statement'],
};

export function checkTemplate(input: TemplateInput): CheckTemplate | undefined {
  return TEMPLATES[input.grammar]?.(input);
}
