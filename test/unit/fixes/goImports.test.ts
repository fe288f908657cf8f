import { strict as assert } from 'node:assert';
import { applyOffsetEdits } from '../../../src/engine/fixes';
import { goImportOs } from '../../../src/engine/fixes/imports';
import { parse as parseSyntax } from '../../../src/engine/syntax';

// The Go half of "Move secret to .env" needs `"os"`: it goes where gofmt/goimports keep it, in
// order within the standard-library group, and a file that already imports it is left alone.

async function withOs(text: string): Promise<string | undefined> {
  const edit = goImportOs(text);
  if (!edit) return undefined;
  const result = applyOffsetEdits(text, [edit]);
  const tree = await parseSyntax(result, 'go');
  if (tree) assert.equal(tree.rootNode.hasError, false, `no longer parses:\n${result}`);
  return result;
}

describe('fixes/imports: Go "os"', () => {
  it('goes in order within the standard-library group, not first in the block', async () => {
    assert.equal(
      await withOs('package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"strings"\n\n\t"github.com/acme/lib"\n)\n'),
      'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"os"\n\t"strings"\n\n\t"github.com/acme/lib"\n)\n',
    );
    assert.equal(await withOs('package main\n\nimport (\n\t"fmt"\n\t"io"\n)\n'), 'package main\n\nimport (\n\t"fmt"\n\t"io"\n\t"os"\n)\n', 'last of its group');
    assert.equal(await withOs('package main\n\nimport (\n\t"path"\n)\n'), 'package main\n\nimport (\n\t"os"\n\t"path"\n)\n', 'first of its group');
  });

  it('keeps the block\'s indentation, line ends, aliases and comments', async () => {
    assert.equal(
      await withOs('package main\r\n\r\nimport (\r\n    // logging\r\n    log "github.com/sirupsen/logrus"\r\n\r\n    str "strings"\r\n    "bytes"\r\n)\r\n'),
      'package main\r\n\r\nimport (\r\n    // logging\r\n    log "github.com/sirupsen/logrus"\r\n\r\n    "os"\r\n    str "strings"\r\n    "bytes"\r\n)\r\n',
    );
  });

  it('opens a standard-library group of its own when the block has none', async () => {
    assert.equal(await withOs('package main\n\nimport (\n\t"github.com/acme/lib"\n)\n'), 'package main\n\nimport (\n\t"os"\n\n\t"github.com/acme/lib"\n)\n');
  });

  it('is not added twice, and a single import or none still works', async () => {
    assert.equal(await withOs('package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n'), undefined);
    assert.equal(await withOs('package main\n\nimport "os"\n'), undefined);
    assert.equal(await withOs('package main\n\nimport "fmt"\n'), 'package main\n\nimport "fmt"\nimport "os"\n');
    assert.equal(await withOs('package main\n\nfunc main() {}\n'), 'package main\n\nimport "os"\n\nfunc main() {}\n');
  });

  it('an aliased or blank "os" import does not count as the os package being imported', async () => {
    assert.equal(await withOs('package main\n\nimport (\n\t_ "os"\n)\n'), 'package main\n\nimport (\n\t"os"\n\t_ "os"\n)\n');
  });

  it('an unclosed block (a file being typed) gets no edit inside it', async () => {
    const text = 'package main\n\nimport (\n\t"fmt"\n';
    const edit = goImportOs(text);
    assert.ok(!edit || edit.start <= text.indexOf('import'), 'nothing written into the open block');
  });
});
