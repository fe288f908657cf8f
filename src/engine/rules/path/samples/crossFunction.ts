import type { LanguageSamples } from './types';

// Flows through the functions of one file (taint.ts, functions.ts), in every language: into a
// helper that holds the sink, out of a helper that builds or returns the path, and through
// callbacks over a collection. Negatives: helpers that sanitize or check, helpers only ever called
// with constants.

const at = (path: string, text: string) => ({ text, path });

export const crossFunctionSamples: LanguageSamples = {
  traversal: {
    positive: [
      at('lib/storage.js', `const fs = require('fs');
const path = require('path');
function readUserFile(name) {
  return fs.readFileSync(path.join(__dirname, 'data', name), 'utf8');
}
app.get('/doc', (req, res) => {
  res.send(readUserFile(req.query.doc));
});`),
      at('routes/store.ts', `import * as fs from 'fs';
import * as path from 'path';
export class Store {
  private target(name: string) { return path.join(ROOT, name); }
  read(name: string) { return fs.readFileSync(this.target(name)); }
  handle(req, res) { res.send(this.read(req.query.f)); }
}`),
      at('routes/chain.js', `const fs = require('fs');
const remove = (file) => fs.unlinkSync(file);
function cleanup(dir, name) { remove(dir + '/' + name); }
app.post('/rm', (req, res) => { cleanup('/tmp/uploads', req.body.name); res.end(); });`),
      at('routes/bulk.js', `const fs = require('fs');
app.post('/bulk-delete', (req, res) => {
  req.body.files.forEach((f) => fs.unlinkSync('/tmp/uploads/' + f));
  res.end();
});`),
      at('routes/each.js', `const fs = require('fs');
app.post('/read-all', (req, res) => {
  const names = req.body.names;
  for (const n of names) res.write(fs.readFileSync('/srv/docs/' + n));
  res.write(fs.readFileSync('/srv/docs/' + names[0]));
  res.end();
});`),
      at('app/storage.py', `from flask import request
import os
UPLOADS = '/srv/uploads'
def _target(name):
    return os.path.join(UPLOADS, name)
@app.post('/save')
def save():
    with open(_target(request.form['name']), 'w') as fh:
        fh.write(request.form['body'])
    return 'ok'`),
      at('app/remove.py', `from flask import request
import os
def remove_file(name):
    os.remove(os.path.join('/srv/data', name))
@app.route('/rm', methods=['POST'])
def rm():
    remove_file(request.form['name'])
    return '', 204`),
      at('app/views.py', `import os
from django.http import FileResponse
class Reports:
    def _open(self, name):
        return open(os.path.join(REPORTS, name), 'rb')
    def get(self, request):
        return FileResponse(self._open(request.GET['name']))`),
      at('app/name.py', `import os
from flask import request
def wanted_name():
    return request.args['f']
@app.route('/x')
def x():
    return open(os.path.join('/srv', wanted_name())).read()`),
      at('server/docs.go', `package main
import ("net/http"; "os"; "path/filepath")
func readDoc(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("/srv/docs", name))
}
func handler(w http.ResponseWriter, r *http.Request) {
	data, _ := readDoc(r.URL.Query().Get("doc"))
	w.Write(data)
}`),
      at('src/main/java/app/DocServlet.java', `import java.nio.file.*;
import javax.servlet.http.*;
public class DocServlet extends HttpServlet {
  private byte[] load(String name) throws Exception {
    return Files.readAllBytes(Paths.get("/srv", name));
  }
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {
    resp.getOutputStream().write(load(req.getParameter("f")));
  }
}`),
      at('app/controllers/docs_controller.rb', `class DocsController < ApplicationController
  def show
    render plain: read_doc(params[:name])
  end
  private
  def read_doc(name)
    File.read(File.join('docs', name))
  end
end`),
      at('public/page.php', `<?php
function load_page($name) {
    return file_get_contents('pages/' . $name);
}
echo load_page($_GET['p']);`),
    ],
    negative: [
      { ...at('routes/within.js', `const fs = require('fs');
const path = require('path');
function within(name) {
  const p = path.resolve(ROOT, name);
  if (!p.startsWith(ROOT + path.sep)) throw new Error('outside ROOT');
  return p;
}
app.get('/x', (req, res) => { res.send(fs.readFileSync(within(req.query.f))); });`), reason: 'the helper resolves the path and checks it stays inside ROOT' },
      { ...at('lib/config.js', `const fs = require('fs');
const path = require('path');
function loadConfig(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'config', name)));
}
module.exports = { defaults: loadConfig('defaults.json') };
app.get('/health', (req, res) => res.send(req.query.ping));`), reason: 'the helper is only ever called with a constant' },
      { ...at('app/safe.py', `import os
from flask import request
def safe_name(n):
    return os.path.basename(n)
@app.route('/x')
def x():
    return open(os.path.join('/srv', safe_name(request.args['f']))).read()`), reason: 'the helper returns only the base name' },
      { ...at('app/boot.py', `import os
from flask import request
def read(name):
    return open(os.path.join('/srv', name)).read()
def boot():
    return read('defaults.ini')
@app.route('/ping')
def ping():
    return request.args.get('x', '')`), reason: 'the helper with the sink is only called with a constant' },
      { ...at('app/count.py', `import os
from flask import request
def count(name):
    return len(name)
@app.route('/x')
def x():
    return open(os.path.join('/srv', str(count(request.args['f'])))).read()`), reason: "the helper's return value does not carry its parameter's text" },
      { ...at('server/docs.go', `package main
import ("net/http"; "os"; "path/filepath")
func readDoc(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("/srv/docs", filepath.Base(name)))
}
func handler(w http.ResponseWriter, r *http.Request) {
	data, _ := readDoc(r.URL.Query().Get("doc"))
	w.Write(data)
}`), reason: 'the helper keeps only the base name' },
    ],
  },
  'zip-slip': { positive: [], negative: [] },
  'cli-argument': { positive: [], negative: [] },
};
