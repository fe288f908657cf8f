import type { LanguageSamples } from './types';

const js = (text: string, path = 'server.js') => ({ text, path });
const ts = (text: string, path = 'routes/files.ts') => ({ text, path });

export const javascriptSamples: LanguageSamples = {
  traversal: {
    positive: [
      js(`const path = require('path');
const fs = require('fs');
app.get('/files/:name', (req, res) => {
  const file = path.join(__dirname, 'uploads', req.params.name);
  fs.readFile(file, (err, data) => res.send(data));
});`),
      ts(`import * as fs from 'node:fs/promises';
export async function handler(req: Request, res: Response) {
  const { file } = req.query;
  const target = \`/srv/data/\${file}\`;
  return res.send(await fs.readFile(target as string));
}`),
      js(`router.get('/download', (req, res) => {
  res.download(req.query.path);
});`),
      js(`const path = require('path');
app.get('/f', (req, res) => {
  // the classic bypass: "....//" becomes "../" after one pass
  const name = req.query.name.replace('../', '');
  res.sendFile(path.join(ROOT, name));
});`),
      ts(`import fs from 'fs';
import path from 'path';
export default async function handler(ctx) {
  const dir = ctx.params.dir;
  const full = path.resolve('/data', dir);
  if (!dir.startsWith('/data')) throw new Error('no');
  ctx.body = fs.createReadStream(full);
}`, 'koa/handler.ts'),
      ts(`import { writeFile } from 'fs/promises';
import path from 'path';
export async function save(file: Express.Multer.File) {
  await writeFile(path.join('/uploads', file.originalname), file.buffer);
}`),
      ts(`import path from 'node:path';
export function resolveUpload(request) {
  return path.join(UPLOADS, request.body.folder, 'index.html');
}`),
      // Aliases and imports: named imports, any local name for path/fs, fs-like modules.
      ts(`import { join } from 'path';
import { readFile } from 'fs';
app.get('/f', (req, res) => {
  readFile(join(BASE, req.query.f), (e, d) => res.send(d));
});`),
      js(`const p = require('path');
const fs = require('fs');
app.get('/f', (req, res) => {
  fs.createReadStream(p.join(BASE, req.query.f)).pipe(res);
});`),
      ts(`import * as nodePath from 'node:path';
import * as fs from 'node:fs';
export function show(req, res) {
  res.send(fs.readFileSync(nodePath.join(BASE, req.params.name)));
}`),
      ts(`import { readFile } from 'fs/promises';
export async function show(req, res) {
  res.send(await readFile(BASE + '/' + req.query.f));
}`),
      js(`const fsx = require('fs-extra');
app.post('/save', async (req, res) => {
  await fsx.outputFile(DIR + req.body.name, req.body.text);
});`),
      js(`const gfs = require('graceful-fs');
app.get('/f', (req, res) => {
  gfs.createReadStream(DIR + req.query.f).pipe(res);
});`),
      ts(`import { readFileSync } from 'fs';
import type { Request, Response } from 'express';
export function show({ params }: Request, res: Response) {
  res.send(readFileSync('/srv/' + params.name));
}`),
      js(`const http = require('http');
const url = require('url');
const fs = require('fs');
http.createServer((req, res) => {
  const q = url.parse(req.url, true).query;
  fs.createReadStream('/srv/' + q.file).pipe(res);
}).listen(8080);`),
      js(`const http = require('http');
const fs = require('fs');
http.createServer((req, res) => {
  const u = new URL(req.url, 'http://localhost');
  fs.readFile('/srv/' + u.searchParams.get('file'), (e, d) => res.end(d));
}).listen(8080);`),
    ],
    negative: [
      { ...js(`const path = require('path');
app.get('/files/:name', (req, res) => {
  const file = path.join(__dirname, 'uploads', path.basename(req.params.name));
  res.sendFile(file);
});`), reason: 'path.basename keeps only the file name' },
      { ...js(`const path = require('path');
const fs = require('fs');
app.get('/files/:name', (req, res) => {
  const file = path.resolve(ROOT, req.params.name);
  if (!file.startsWith(ROOT + path.sep)) return res.status(403).end();
  fs.createReadStream(file).pipe(res);
});`), reason: 'resolved then checked to stay inside ROOT' },
      { ...js(`const path = require('path');
app.get('/files/:name', (req, res) => {
  const rel = path.relative(ROOT, path.join(ROOT, req.params.name));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return res.sendStatus(403);
  res.sendFile(path.join(ROOT, rel));
});`), reason: 'path.relative checked not to climb out of ROOT' },
      { ...js(`app.get('/files/:name', (req, res) => {
  res.sendFile(req.params.name, { root: 'public' });
});`), reason: 'sendFile with a root option refuses paths that leave the root' },
      { ...js(`const ALLOWED = new Set(['a.pdf', 'b.pdf']);
app.get('/doc', (req, res) => {
  const name = req.query.doc;
  if (!ALLOWED.has(name)) return res.sendStatus(404);
  res.sendFile(path.join(DOCS, name));
});`), reason: 'allowlist lookup before use' },
      { ...js(`app.get('/report', (req, res) => {
  // never do fs.readFile(req.params.file) here
  const file = path.join(REPORTS, 'summary.pdf');
  res.download(file, \`report-\${req.query.id}.pdf\`);
});`), reason: 'constant path; request data only names the download and appears in a comment' },
      { ...js(`app.post('/notes', async (req, res) => {
  await fs.promises.writeFile(path.join(NOTES, 'latest.txt'), req.body.text);
  res.send('req.params.name is not used');
});`), reason: 'request data is the file content, not the path' },
      { ...js(`app.get('/img/:id', (req, res) => {
  const id = parseInt(req.params.id, 10);
  res.sendFile(path.join(IMAGES, id + '.png'));
});`), reason: 'a number cannot climb directories' },
      { ...ts(`import { safeJoin } from './safe';
export function get(req, res) {
  res.sendFile(safeJoin(ROOT, req.params.name));
}`), reason: 'the value comes back from a project function (safeJoin); flows stop at function boundaries' },
      { ...ts(`import { join, basename } from 'path';
import { readFile } from 'fs/promises';
export async function show(req, res) {
  res.send(await readFile(join(BASE, basename(req.query.f))));
}`), reason: 'basename imported by name keeps only the file name' },
      { ...js(`const p = require('path');
const fsx = require('fs-extra');
app.get('/f', async (req, res) => {
  const file = p.resolve(ROOT, req.query.f);
  if (!file.startsWith(ROOT + p.sep)) return res.sendStatus(403);
  res.send(await fsx.readFile(file));
});`), reason: 'resolved with an aliased path module, then checked to stay inside ROOT' },
      { ...ts(`import { readFileSync } from 'fs';
export function Page({ params }: PageProps) {
  return readFileSync('/srv/' + params.slug);
}`), reason: 'destructured props of a component, not a request' },
      { ...js(`const { join } = require('./paths');
const fs = require('fs');
app.get('/f', (req, res) => {
  fs.readFile(join(BASE, req.query.f), send);
});`), reason: "join comes from a project module, not from 'path'; flows stop at function boundaries" },
      { ...js(`const http = require('http');
const url = require('url');
const fs = require('fs');
http.createServer((req, res) => {
  const q = url.parse(req.url, true).query;
  fs.createReadStream('/srv/' + path.basename(q.file)).pipe(res);
}).listen(8080);`), reason: 'the query value is reduced to its base name' },
      { ...js(`const path = require('path');
const fs = require('fs');
describe('files route', () => {
  it('reads', () => { fs.readFileSync(path.join(FIXTURES, req.params.name)); });
});`, 'test/files.test.js'), reason: 'test code does not serve requests' },
    ],
  },
  'zip-slip': {
    positive: [
      js(`const path = require('path');
const fs = require('fs');
zipfile.on('entry', (entry) => {
  const dest = path.join(outDir, entry.fileName);
  zipfile.openReadStream(entry, (err, stream) => stream.pipe(fs.createWriteStream(dest)));
});`, 'unzip.js'),
      ts(`import AdmZip from 'adm-zip';
import * as fs from 'fs';
for (const e of new AdmZip(file).getEntries()) {
  fs.writeFileSync(target + '/' + e.entryName, e.getData());
}`, 'extract.ts'),
    ],
    negative: [
      { ...js(`const path = require('path');
const fs = require('fs');
zipfile.on('entry', (entry) => {
  const dest = path.resolve(outDir, entry.fileName);
  if (!dest.startsWith(path.resolve(outDir) + path.sep)) return;
  fs.writeFileSync(dest, data);
});`, 'unzip.js'), reason: 'entry path resolved and checked against the destination' },
      { ...js(`zipfile.on('entry', (entry) => {
  console.log('extracting', entry.fileName);
  fs.writeFileSync(path.join(outDir, path.basename(entry.fileName)), data);
});`, 'unzip.js'), reason: 'only the base name of the entry is used' },
    ],
  },
  'cli-argument': {
    positive: [
      js(`#!/usr/bin/env node
const fs = require('fs');
const input = process.argv[2];
console.log(fs.readFileSync(input, 'utf8'));`, 'bin/cat.js'),
    ],
    negative: [
      { ...js(`const fs = require('fs');
const verbose = process.argv.includes('--verbose');
fs.readFileSync('config.json', 'utf8');`, 'bin/tool.js'), reason: 'argv is only tested for a flag; the path is constant' },
    ],
  },
};
