import type { SecretSpan } from '../../../src/engine';

// Source files in every language the "move to .env" rewrite claims, with the place of the secret
// marked `§`. `literal` says whether the quotes around the marker hold exactly the secret (the
// detector then reports literalStart/literalEnd); otherwise the secret sits inside a larger string.

export interface SourceTemplate {
  language: string;
  path: string;
  text: string;
  literal: boolean;
}

const t = (language: string, path: string, literal: boolean, text: string): SourceTemplate => ({ language, path, literal, text });

export const TEMPLATES: SourceTemplate[] = [
  t('javascript', 'a.js', true, 'const apiKey = "§";\nmodule.exports = { apiKey };\n'),
  t('javascript', 'a.js', true, "const client = new Client({ token: '§', retries: 3 });\n"),
  t('javascript', 'a.js', true, 'const keys = { "§": 1 };\n'),
  t('javascript', 'a.js', false, 'fetch(url, { headers: { Authorization: `Bearer §` } });\n'),
  t('javascript', 'a.js', false, 'const url = "postgres://user:§@db:5432/app";\r\n'),
  t('javascript', 'a.js', false, "const n = 'x§y'.length;\n"),
  t('typescript', 'a.ts', true, 'export const apiKey: string = "§";\n'),
  t('typescript', 'a.ts', true, "class Api {\n  private key = '§';\n}\n"),
  t('typescriptreact', 'a.tsx', true, 'const A = () => <Map apiKey={"§"} />;\n'),
  t('python', 'a.py', true, 'API_KEY = "§"\n'),
  t('python', 'a.py', true, '#!/usr/bin/env python3\n"""Client setup."""\nfrom __future__ import annotations\n\nimport sys\n\nclient = Client(api_key=\'§\')\n'),
  t('python', 'a.py', false, 'url = f"https://api/{version}/§/x"\n'),
  t('python', 'a.py', true, 'def f():\n    return {"token": r"§"}\n'),
  t('python', 'a.py', true, 'import os.path\nKEY = "§"\n'),
  t('go', 'a.go', true, 'package main\n\nimport "fmt"\n\nconst apiKey = "§"\n\nfunc main() { fmt.Println(apiKey) }\n'),
  t('go', 'a.go', false, 'package main\n\nimport (\n\t"fmt"\n)\n\nvar url = "https://u:§@h"\n\nfunc main() { fmt.Println(url) }\n'),
  t('go', 'a.go', true, 'package main\n\nfunc key() string { return `§` }\n'),
  t('java', 'A.java', true, 'class A {\n  static final String KEY = "§";\n}\n'),
  t('java', 'A.java', false, 'class A {\n  String u = "https://h/?key=§&x=1";\n}\n'),
  t('csharp', 'A.cs', true, 'using System;\nclass A { string key = "§"; }\n'),
  t('csharp', 'A.cs', true, 'class A { string key = @"§"; }\n'),
  t('csharp', 'A.cs', false, 'class A { string u = $"https://h/{x}/§"; }\n'),
  t('ruby', 'a.rb', true, 'API_KEY = "§"\n'),
  t('ruby', 'a.rb', false, 'url = "https://u:§@h"\n'),
  t('ruby', 'a.rb', true, "client = Client.new(token: '§')\n"),
  t('php', 'a.php', true, "<?php\n$key = '§';\n"),
  t('php', 'a.php', false, '<?php\n$u = "https://u:§@h";\n'),
  t('php', 'a.php', true, '<?php\nclass A { private $k = "§"; }\n'),
  t('shellscript', 'a.sh', true, "#!/bin/sh\nTOKEN='§'\necho \"$TOKEN\"\n"),
  t('shellscript', 'a.sh', false, 'curl -H "Authorization: Bearer §" https://x\n'),
  t('shellscript', 'a.sh', false, 'curl -u user:§ https://x\n'),
  t('shellscript', 'a.sh', false, "echo 'k=§' > f\n"),
  t('yaml', 'docker-compose.yml', true, 'services:\n  db:\n    environment:\n      PASSWORD: "§"\n'),
  t('yaml', 'docker-compose.yml', false, 'url: postgres://u:§@h/db\n'),
  t('yaml', 'docker-compose.yml', false, 'services:\n  app:\n    environment:\n      - TOKEN=§\n'),
  t('yaml', 'config.yml', false, 'password: §\n'),
];

/** The template with the secret's source text in place, and the span a detector would report. */
export function instantiate(template: SourceTemplate, raw: string, envName = 'API_KEY'): { text: string; secret: SecretSpan } {
  const at = template.text.indexOf('§');
  const text = template.text.slice(0, at) + raw + template.text.slice(at + 1);
  const secret: SecretSpan = { value: raw, start: at, end: at + raw.length, envName };
  if (template.literal) {
    secret.literalStart = at - 1;
    secret.literalEnd = at + raw.length + 1;
  }
  return { text, secret };
}
