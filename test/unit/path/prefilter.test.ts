import { strict as assert } from 'node:assert';
import { defaultConfig } from '../../../src/engine/config';
import { pathDetector } from '../../../src/engine/detectors/path';
import { pathProfileFor } from '../../../src/engine/rules/path/profiles';
import type { PathProfile } from '../../../src/engine/rules/path/profile';
import { GRAMMARS, hasAnyKeyword, namesPattern } from '../../../src/engine/syntax';

// The path detector parses a file only when the prefilter finds a source keyword and a sink
// keyword. A source or sink the profile knows that the prefilter misses is a finding silently lost:
// every entry of each profile's vocabulary must pass, and files holding neither must not.

const profiles = [...new Set(GRAMMARS.map((grammar) => pathProfileFor(grammar)).filter((profile): profile is PathProfile => !!profile))];
const call = (sink: string) => `${sink}${sink.endsWith('(') ? ')' : '(x)'}`;

describe('path prefilter', () => {
  for (const profile of profiles) {
    describe(profile.grammars[0], () => {
      it('passes every source the profile knows', () => {
        for (const source of profile.vocabulary.sources) assert.ok(hasAnyKeyword(source, profile.sourceKeywords), `source not covered: ${source}`);
      });
      it('passes every sink the profile knows', () => {
        assert.ok(profile.vocabulary.sinks.length > 0);
        for (const sink of profile.vocabulary.sinks) assert.ok(hasAnyKeyword(call(sink), profile.sinkKeywords), `sink not covered: ${sink}`);
      });
      it('passes any known source with any known sink through the detector', () => {
        const language = profile.grammars[0] === 'c-sharp' ? 'csharp' : profile.grammars[0];
        for (const source of profile.vocabulary.sources) {
          const text = `${source}\n${call(profile.vocabulary.sinks[0])}\n`;
          assert.ok(pathDetector.wants({ text, language, kind: 'code', file: { path: `src/app.${language}` }, config: defaultConfig(), state: new Map() }), `not parsed: ${source}`);
        }
      });
    });
  }

  it('reads dotted names the way code writes them', () => {
    const pattern = namesPattern(['os.Open', 'Files.readString', 'new FileReader'], '\\b', '\\s*\\(');
    for (const text of ['os.Open(p)', 'os .\n\tOpen (p)', 'Files\n    .readString(p)', 'new   FileReader(p)', 'Files?.readString(p)', 'Files::readString(p)']) assert.ok(pattern.test(text), text);
    for (const text of ['os.OpenFileX(p)', 'myos.Open(p)', 'new FileReaderX(p)', 'Files.readStrings(p)']) assert.ok(!pattern.test(text), text);
  });

  describe('leaves alone files that only look alike', () => {
    const wants = (text: string, language: string, path: string) => pathDetector.wants({ text, language, kind: 'code', file: { path }, config: defaultConfig(), state: new Map() });
    it('Go: database Query and rows.Next are not sources, os.Getenv is not a sink', () => {
      const text = 'package a\nimport "os"\nfunc f(ctx context.Context, id string) {\n\tkey := os.Getenv("K")\n\trows, _ := s.db.QueryContext(ctx, "SELECT 1", id)\n\tfor rows.Next() {}\n\tvar f *os.File\n}\n';
      assert.equal(wants(text, 'go', 'a/handler.go'), false);
      assert.equal(wants(`${text}func g(r *http.Request) { os.Open(r.FormValue("f")) }\n`, 'go', 'a/handler.go'), true);
    });
    it('Python: "request" in a docstring is not a source, os.environ is not a sink', () => {
      const text = 'import os\n\nclass Store:\n    def load(self, item_id: str):\n        """Returns the request cache."""\n        password = os.environ["DB_PASSWORD"]\n        token = self.session.headers.get("Authorization")\n';
      assert.equal(wants(text, 'python', 'app/store.py'), false);
      assert.equal(wants(`${text}    def view(self, request, name):\n        return open(name)\n`, 'python', 'app/store.py'), true);
    });
    it('Java: class names holding "File" are not sinks', () => {
      const text = 'class FileService {\n  List<String> get(String id) {\n    String token = request.getHeader("Authorization");\n    return fileRepository.findAll(id);\n  }\n}\n';
      assert.equal(wants(text, 'java', 'src/FileService.java'), false);
      assert.equal(wants(text.replace('return fileRepository', 'new File(token); return fileRepository'), 'java', 'src/FileService.java'), true);
    });
  });
});
