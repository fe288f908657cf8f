import { strict as assert } from 'node:assert';
import { scan } from '../../../src/engine';
import { applyOffsetEdits, containmentFix } from '../../../src/engine/fixes';
import { parse } from '../../../src/engine/syntax';

// The containment-check fix in every language it is offered for: the lines it inserts, a result
// that still parses, the text outside the change kept, and no finding left after it.

interface Case {
  name: string;
  path: string;
  language: string;
  text: string;
  expect: RegExp[];
}

const CASES: Case[] = [
  {
    name: 'Express handler: answers 400 instead of throwing',
    path: 'server.js',
    language: 'javascript',
    text: "const path = require('path');\r\nconst fs = require('fs');\r\napp.get('/f', (req, res) => {\r\n  res.send(fs.readFileSync(path.join(ROOT, req.query.name)));\r\n});\r\n",
    expect: [/const safePath = path\.resolve\(path\.join\(ROOT, req\.query\.name\)\);\r\n/, /\r\n    return res\.status\(400\)\.send\('invalid path'\);\r\n  \}\r\n  res\.send\(fs\.readFileSync\(safePath\)\);/],
  },
  {
    name: 'Ruby: expand_path and start_with?',
    path: 'app/controllers/files_controller.rb',
    language: 'ruby',
    text: 'class FilesController < ApplicationController\n  def show\n    send_file File.join(STORAGE, params[:name])\n  end\nend\n',
    expect: [/base_dir = File\.expand_path\(STORAGE\)\n    safe_path = File\.expand_path\(File\.join\(STORAGE, params\[:name\]\)\)\n    raise ArgumentError, 'path escapes its base folder' unless safe_path\.start_with\?\(base_dir \+ File::SEPARATOR\)\n    send_file safe_path\n/],
  },
  {
    name: 'Java: new File(dir, name), normalized and checked with startsWith',
    path: 'src/main/java/app/Files.java',
    language: 'java',
    text: 'class Files {\n  void get(HttpServletRequest req) throws Exception {\n    FileInputStream in = new FileInputStream(new File(dir, req.getParameter("f")));\n  }\n}\n',
    expect: [/java\.nio\.file\.Path baseDir = new java\.io\.File\(dir, ""\)\.toPath\(\)\.toAbsolutePath\(\)\.normalize\(\);/, /throw new SecurityException\("path escapes its base folder"\);/, /new FileInputStream\(safeFile\)/],
  },
  {
    name: 'Java: Paths.get(base, name)',
    path: 'src/main/java/app/Docs.java',
    language: 'java',
    text: 'class Docs {\n  byte[] get(@RequestParam String name) throws Exception {\n    return Files.readAllBytes(Paths.get("/srv/docs", name));\n  }\n}\n',
    expect: [/java\.nio\.file\.Path safePath = Paths\.get\("\/srv\/docs", name\)\.toAbsolutePath\(\)\.normalize\(\);/, /if \(!safePath\.startsWith\(baseDir\)\)/, /Files\.readAllBytes\(safePath\)/],
  },
  {
    name: 'Go net/http handler: filepath.Rel + IsLocal, answers 400',
    path: 'server/files.go',
    language: 'go',
    text: 'package main\n\nimport (\n\t"net/http"\n\t"os"\n\t"path/filepath"\n)\n\nfunc serve(w http.ResponseWriter, r *http.Request) {\n\tdata, _ := os.ReadFile(filepath.Join("/srv/files", r.URL.Query().Get("f")))\n\tw.Write(data)\n}\n',
    expect: [/\tsafePath := filepath\.Join\("\/srv\/files", r\.URL\.Query\(\)\.Get\("f"\)\)\n\tif rel, err := filepath\.Rel\("\/srv\/files", safePath\); err != nil \|\| !filepath\.IsLocal\(rel\) \{\n\t\thttp\.Error\(w, "invalid path", http\.StatusBadRequest\)\n\t\treturn\n\t\}\n\tdata, _ := os\.ReadFile\(safePath\)/],
  },
  {
    name: 'C#: GetFullPath and an ordinal StartsWith',
    path: 'Controllers/FilesController.cs',
    language: 'csharp',
    text: 'public class FilesController : Controller {\n  [HttpGet]\n  public IActionResult Get(string name) {\n    return PhysicalFile(Path.Combine("/srv/files", name), "application/octet-stream");\n  }\n}\n',
    expect: [/var safePath = Path\.GetFullPath\(Path\.Combine\("\/srv\/files", name\)\);/, /if \(!safePath\.StartsWith\(baseDir, System\.StringComparison\.Ordinal\)\)/, /PhysicalFile\(safePath, /],
  },
  {
    name: 'PHP: a concatenation, realpath and strpos',
    path: 'public/download.php',
    language: 'php',
    text: "<?php\n$file = $_GET['file'];\nreadfile(__DIR__ . '/files/' . $file);\n",
    expect: [/\$baseDir = realpath\(__DIR__ \. '\/files\/'\);\n\$safePath = realpath\(__DIR__ \. '\/files\/' \. \$file\);\nif \(\$baseDir === false \|\| \$safePath === false \|\| strpos\(\$safePath, \$baseDir \. DIRECTORY_SEPARATOR\) !== 0\) \{\n    throw new \\RuntimeException\('path escapes its base folder'\);\n\}\nreadfile\(\$safePath\);/],
  },
];

describe('path containment fix, per language', () => {
  for (const sample of CASES) {
    it(sample.name, async () => {
      const findings = (await scan(sample.text, { path: sample.path, languageId: sample.language, gitState: 'untracked' })).filter((f) => f.category === 'path');
      assert.ok(findings.length > 0, 'the detector reports the flow');
      const withJoin = findings.find((f) => f.data?.joinStart !== undefined);
      assert.ok(withJoin, `no join facts in ${JSON.stringify(findings.map((f) => f.data))}`);
      const fix = await containmentFix(sample.text, withJoin);
      assert.ok(fix, 'a containment fix is offered');
      const result = applyOffsetEdits(sample.text, fix.edits);
      for (const pattern of sample.expect) assert.match(result, pattern);
      const tree = await parse(result, sample.language);
      assert.equal(tree?.rootNode.hasError, false, result);
      // Byte for byte outside the change: the text before the statement and after the join is kept.
      assert.ok(result.startsWith(sample.text.slice(0, fix.edits[0].start)));
      assert.ok(result.endsWith(sample.text.slice(fix.edits[1].end)));
      const after = (await scan(result, { path: sample.path, languageId: sample.language, gitState: 'untracked' })).filter((f) => f.category === 'path');
      assert.deepEqual(after.map((f) => f.message), [], 'the detector reads the inserted check: the flow is gone');
    });
  }

  it('is not offered where no base folder is known', async () => {
    const text = "<?php\nreadfile($_GET['file']);\n";
    const [finding] = (await scan(text, { path: 'a.php', gitState: 'untracked' })).filter((f) => f.category === 'path');
    assert.equal(await containmentFix(text, finding), undefined);
  });
});
