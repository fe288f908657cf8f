import { strict as assert } from 'node:assert';
import { ScopeIndex, callInfo, callTypes, enclosingFunction, grammarFor, nodesOfType, parse, type SyntaxNode } from '../../../src/engine/syntax';

async function root(text: string, language: string): Promise<SyntaxNode> {
  return (await parse(text, language))!.rootNode;
}

function identifiersNamed(node: SyntaxNode, name: string, type = 'identifier'): SyntaxNode[] {
  return nodesOfType(node, new Set([type])).filter((id) => id.text === name);
}

describe('syntax/calls', () => {
  const cases: [string, string, string, string[]][] = [
    ['javascript', 'fs.promises.readFile(a, "utf8")', 'fs.promises.readFile', ['a', '"utf8"']],
    ['typescript', 'req?.res?.sendFile(p)', 'req.res.sendFile', ['p']],
    ['javascript', 'new URL(u, base)', 'new URL', ['u', 'base']],
    ['python', 'requests.get(url, verify=False)', 'requests.get', ['url']],
    ['go', 'package m\nfunc f() { filepath.Join(a, b) }', 'filepath.Join', ['a', 'b']],
    ['java', 'class A { void f() { Paths.get(base, name); } }', 'Paths.get', ['base', 'name']],
    ['java', 'class A { void f() { new File(base, name); } }', 'new File', ['base', 'name']],
    ['csharp', 'class A { void F() { Path.Combine(root, name); } }', 'Path.Combine', ['root', 'name']],
    ['ruby', 'File.open(path, "r")', 'File.open', ['path', '"r"']],
    ['php', '<?php $zip->extractTo($dir);', '$zip.extractTo', ['$dir']],
    ['php', '<?php include $page;', 'include', ['$page']],
    ['shellscript', 'curl -k https://x', 'curl', ['-k', 'https://x']],
  ];
  for (const [language, text, callee, args] of cases) {
    it(`reads ${callee} in ${language}`, async () => {
      const grammar = grammarFor(language)!;
      const calls = nodesOfType(await root(text, language), callTypes(grammar)).map((node) => callInfo(node, grammar)!).filter(Boolean);
      const call = calls.find((info) => info.callee === callee);
      assert.ok(call, `calls seen: ${calls.map((info) => info.callee).join(', ')}`);
      assert.deepEqual(call.args.map((arg) => arg.text), args);
    });
  }

  it('reads keyword arguments', async () => {
    const node = nodesOfType(await root('requests.get(url, verify=False)', 'python'), new Set(['call']))[0];
    assert.equal(callInfo(node, 'python')!.keywords.get('verify')?.text, 'False');
  });
});

describe('syntax/scope', () => {
  it('resolves a use to the latest assignment above it, through destructuring', async () => {
    const text = 'function h(req) {\n  let p = "a";\n  const { name } = req.query;\n  p = name + ".txt";\n  read(p);\n}\n';
    const tree = await root(text, 'javascript');
    const index = new ScopeIndex('javascript', tree);
    const use = identifiersNamed(tree, 'p').pop()!;
    const binding = index.resolve(use)!;
    assert.equal(binding.value!.text, 'name + ".txt"');
    const nameUse = identifiersNamed(binding.value!, 'name')[0];
    assert.equal(index.resolve(nameUse)!.value!.text, 'req.query');
    const reqUse = identifiersNamed(tree, 'req').pop()!;
    assert.equal(index.resolve(reqUse)!.kind, 'param');
  });

  it('looks outward through closures, and not into sibling functions', async () => {
    const text = 'function outer(req) {\n  const dir = req.params.dir;\n  list.forEach((x) => open(dir, x));\n}\nfunction other() { open(dir); }\n';
    const tree = await root(text, 'typescript');
    const index = new ScopeIndex('typescript', tree);
    const [inner, sibling] = identifiersNamed(tree, 'dir').slice(1);
    assert.equal(index.resolve(inner)!.value!.text, 'req.params.dir');
    assert.equal(index.resolve(sibling), undefined);
    assert.equal(index.resolve(identifiersNamed(tree, 'x').pop()!)!.kind, 'param');
  });

  it('binds Python tuples, for loops and with-aliases, Go multi-returns and ranges', async () => {
    const py = await root('def f(request):\n    a, b = 1, request.args["n"]\n    for m in tar.getmembers():\n        use(m, b)\n', 'python');
    const pyIndex = new ScopeIndex('python', py);
    assert.equal(pyIndex.resolve(identifiersNamed(py, 'b').pop()!)!.value!.text, 'request.args["n"]');
    const m = pyIndex.resolve(identifiersNamed(py, 'm').pop()!)!;
    assert.deepEqual([m.kind, m.value!.text], ['iterate', 'tar.getmembers()']);

    const go = await root('package m\nfunc f(r *http.Request) {\n  name, err := r.FormValue("n"), 1\n  x, err := g(name)\n  for _, f := range zr.File { use(f, x, err) }\n}\n', 'go');
    const goIndex = new ScopeIndex('go', go);
    assert.equal(goIndex.resolve(identifiersNamed(go, 'name').pop()!)!.value!.text, 'r.FormValue("n")');
    assert.equal(goIndex.resolve(identifiersNamed(go, 'x').pop()!)!.value!.text, 'g(name)');
    const f = goIndex.resolve(identifiersNamed(go, 'f').pop()!)!;
    assert.deepEqual([f.kind, f.value!.text], ['iterate', 'zr.File']);
  });

  it('binds Java, C#, Ruby and PHP locals and parameters', async () => {
    const java = await root('class A { void f(String name) { String p = base + name; for (ZipEntry e : zip.entries()) { use(p, e); } } }', 'java');
    const javaIndex = new ScopeIndex('java', java);
    assert.equal(javaIndex.resolve(identifiersNamed(java, 'p').pop()!)!.value!.text, 'base + name');
    assert.equal(javaIndex.resolve(identifiersNamed(java, 'name').pop()!)!.kind, 'param');
    assert.equal(javaIndex.resolve(identifiersNamed(java, 'e').pop()!)!.value!.text, 'zip.entries()');

    const cs = await root('class A { void F(string name) { var p = Path.Combine(root, name); foreach (var e in archive.Entries) { Use(p, e); } } }', 'csharp');
    const csIndex = new ScopeIndex('c-sharp', cs);
    assert.equal(csIndex.resolve(identifiersNamed(cs, 'p').pop()!)!.value!.text, 'Path.Combine(root, name)');
    assert.equal(csIndex.resolve(identifiersNamed(cs, 'e').pop()!)!.value!.text, 'archive.Entries');

    const rb = await root('def show\n  name = params[:name]\n  File.read(name)\nend\n', 'ruby');
    assert.equal(new ScopeIndex('ruby', rb).resolve(identifiersNamed(rb, 'name').pop()!)!.value!.text, 'params[:name]');

    const php = await root('<?php function f() { $n = $_GET["n"]; foreach ($list as $k => $v) { echo $n . $v; } }', 'php');
    const phpIndex = new ScopeIndex('php', php);
    assert.equal(phpIndex.resolve(identifiersNamed(php, '$n', 'variable_name').pop()!)!.value!.text, '$_GET["n"]');
    assert.equal(phpIndex.resolve(identifiersNamed(php, '$v', 'variable_name').pop()!)!.value!.text, '$list');
  });

  it('finds the enclosing function', async () => {
    const tree = await root('def outer():\n    def inner():\n        x = 1\n', 'python');
    const x = identifiersNamed(tree, 'x')[0];
    assert.equal(enclosingFunction(x, 'python')!.childForFieldName('name')!.text, 'inner');
  });
});
