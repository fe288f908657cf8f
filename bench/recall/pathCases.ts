// A labelled evaluation for the path rules (CWE-22): small programs in the shapes each framework's
// documentation shows (Express, Koa, Fastify, Next.js, Node's http; Flask, Django, FastAPI,
// tarfile/zipfile; net/http, Gin, Echo; Servlets, Spring, JAX-RS, java.util.zip; ASP.NET Core;
// Rails, Sinatra; plain PHP, Laravel, Symfony), each labelled: must a precise scanner report a
// path finding on it or not. Negatives are the same programs made safe the way the frameworks'
// docs advise (basename, a containment check on the resolved path, an allowlist, a safe helper).
// Used by `npm run recall:path` (bench/recall/pathRun.ts). Written before the issue-15 work that
// it measures, and not tuned to: a miss here is reported, not patched case by case.

export interface PathCase {
  /** Language or framework family, for per-family figures. */
  family: string;
  text: string;
  path: string;
  /** True when a path/* finding must be reported. */
  vulnerable: boolean;
}

const yes = (family: string, path: string, text: string): PathCase => ({ family, path, text, vulnerable: true });
const no = (family: string, path: string, text: string): PathCase => ({ family, path, text, vulnerable: false });

const js: PathCase[] = [
  yes('js', 'routes/avatar.js', `const express = require('express');
const path = require('path');
const router = express.Router();
router.get('/avatar/:user', (req, res) => {
  const file = path.resolve('public/avatars', req.params.user + '.png');
  res.sendFile(file);
});`),
  yes('js', 'server/files.mjs', `import fs from 'node:fs/promises';
import path from 'node:path';
export default async function (fastify) {
  fastify.get('/files/*', async (request, reply) => {
    const data = await fs.readFile(path.join('/srv/files', request.params['*']));
    return reply.send(data);
  });
}`),
  yes('js', 'src/koa.js', `const Koa = require('koa');
const fs = require('fs');
const app = new Koa();
app.use(async (ctx) => {
  const name = ctx.query.name;
  ctx.body = fs.createReadStream('./reports/' + name);
});`),
  yes('js', 'app/api/file/route.ts', `import { readFile } from 'fs/promises';
import { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const name = request.nextUrl.searchParams.get('name');
  const body = await readFile(\`./content/\${name}\`, 'utf8');
  return new Response(body);
}`),
  yes('js', 'server.js', `const http = require('http');
const fs = require('fs');
http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const file = url.searchParams.get('file');
  fs.createReadStream('/var/www/' + file).pipe(res);
}).listen(8080);`),
  yes('js', 'lib/storage.js', `const fs = require('fs');
const path = require('path');
function readUserFile(name) {
  return fs.readFileSync(path.join(__dirname, 'data', name), 'utf8');
}
app.get('/doc', (req, res) => {
  res.send(readUserFile(req.query.doc));
});`),
  yes('js', 'routes/delete.ts', `import fse from 'fs-extra';
import path from 'path';
router.delete('/uploads/:name', async (req, res) => {
  await fse.remove(path.join(UPLOAD_DIR, req.params.name));
  res.sendStatus(204);
});`),
  yes('js', 'routes/bulk.js', `const fs = require('fs');
app.post('/bulk-delete', (req, res) => {
  req.body.files.forEach((f) => {
    fs.unlinkSync('/tmp/uploads/' + f);
  });
  res.end();
});`),
  no('js', 'routes/avatar.js', `const path = require('path');
router.get('/avatar/:user', (req, res) => {
  res.sendFile(path.basename(req.params.user) + '.png', { root: 'public/avatars' });
});`),
  no('js', 'routes/read.js', `const fs = require('fs');
const path = require('path');
const ROOT = path.resolve('files');
app.get('/read', (req, res) => {
  const target = path.resolve(ROOT, req.query.f);
  if (!target.startsWith(ROOT + path.sep)) return res.status(403).end();
  fs.createReadStream(target).pipe(res);
});`),
  no('js', 'routes/theme.js', `const fs = require('fs');
const THEMES = ['light', 'dark'];
app.get('/theme', (req, res) => {
  const theme = THEMES.includes(req.query.t) ? req.query.t : 'light';
  res.send(fs.readFileSync('./themes/' + theme + '.css'));
});`),
  no('js', 'lib/config.js', `const fs = require('fs');
const path = require('path');
function loadConfig(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'config', name)));
}
module.exports = { defaults: loadConfig('defaults.json') };`),
  no('js', 'routes/log.js', `const fs = require('fs');
app.post('/log', (req, res) => {
  fs.appendFileSync('/var/log/app/requests.log', JSON.stringify(req.body) + '\\n');
  res.end();
});`),
];

const python: PathCase[] = [
  yes('python', 'app.py', `from flask import Flask, request, send_file
import os
app = Flask(__name__)
@app.route('/download')
def download():
    filename = request.args.get('file')
    return send_file(os.path.join('/srv/uploads', filename))`),
  yes('python', 'files/views.py', `from django.http import FileResponse
import os
def report(request):
    name = request.GET['name']
    path = os.path.join(settings.MEDIA_ROOT, 'reports', name)
    return FileResponse(open(path, 'rb'))`),
  yes('python', 'api/main.py', `from fastapi import FastAPI
from fastapi.responses import FileResponse
app = FastAPI()
@app.get("/static/{file_path:path}")
async def read_file(file_path: str):
    return FileResponse(f"static/{file_path}")`),
  yes('python', 'tools/unpack.py', `import tarfile
def unpack(archive, dest):
    with tarfile.open(archive) as tar:
        tar.extractall(dest)`),
  yes('python', 'app/storage.py', `from flask import request
import os
UPLOADS = '/srv/uploads'
def _target(name):
    return os.path.join(UPLOADS, name)
@app.post('/save')
def save():
    with open(_target(request.form['name']), 'w') as fh:
        fh.write(request.form['body'])
    return 'ok'`),
  yes('python', 'app/remove.py', `from flask import request
import os
def remove_file(name):
    os.remove(os.path.join('/srv/data', name))
@app.route('/rm', methods=['POST'])
def rm():
    remove_file(request.form['name'])
    return '', 204`),
  yes('python', 'server/zips.py', `import zipfile, os
def extract(zip_path, dest):
    with zipfile.ZipFile(zip_path) as zf:
        for name in zf.namelist():
            with open(os.path.join(dest, name), 'wb') as out:
                out.write(zf.read(name))`),
  no('python', 'app.py', `from flask import Flask, request, send_from_directory
app = Flask(__name__)
@app.route('/download')
def download():
    return send_from_directory('/srv/uploads', request.args['file'])`),
  no('python', 'upload.py', `from flask import request
from werkzeug.utils import secure_filename
import os
@app.post('/upload')
def upload():
    f = request.files['file']
    f.save(os.path.join('/srv/uploads', secure_filename(f.filename)))
    return 'ok'`),
  no('python', 'tools/unpack.py', `import tarfile
def unpack(archive, dest):
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter='data')`),
  no('python', 'files/views.py', `import os
from django.http import FileResponse, Http404
BASE = os.path.realpath('/srv/reports')
def report(request):
    path = os.path.realpath(os.path.join(BASE, request.GET['name']))
    if not path.startswith(BASE + os.sep):
        raise Http404()
    return FileResponse(open(path, 'rb'))`),
  no('python', 'settings_loader.py', `import os
def load(name):
    with open(os.path.join(os.path.dirname(__file__), name)) as fh:
        return fh.read()
DEFAULTS = load('defaults.ini')`),
];

const go: PathCase[] = [
  yes('go', 'main.go', `package main
import ("net/http"; "path/filepath")
func serve(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	http.ServeFile(w, r, filepath.Join("/srv/files", name))
}`),
  yes('go', 'handlers/gin.go', `package handlers
import ("os"; "github.com/gin-gonic/gin")
func Download(c *gin.Context) {
	data, _ := os.ReadFile("/data/" + c.Param("name"))
	c.Data(200, "application/octet-stream", data)
}`),
  yes('go', 'handlers/echo.go', `package handlers
import ("path/filepath"; "github.com/labstack/echo/v4")
func Get(c echo.Context) error {
	return c.File(filepath.Join("assets", c.QueryParam("f")))
}`),
  yes('go', 'unzip.go', `package archive
import ("archive/zip"; "io"; "os"; "path/filepath")
func Unzip(src, dest string) error {
	r, _ := zip.OpenReader(src)
	for _, f := range r.File {
		out, _ := os.Create(filepath.Join(dest, f.Name))
		rc, _ := f.Open()
		io.Copy(out, rc)
	}
	return nil
}`),
  yes('go', 'upload.go', `package main
import ("net/http"; "os")
func upload(w http.ResponseWriter, r *http.Request) {
	file, header, _ := r.FormFile("file")
	defer file.Close()
	out, _ := os.Create("/uploads/" + header.Filename)
	defer out.Close()
}`),
  no('go', 'main.go', `package main
import ("net/http"; "path/filepath")
func serve(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("name"))
	http.ServeFile(w, r, filepath.Join("/srv/files", name))
}`),
  no('go', 'safe.go', `package main
import ("net/http"; "os"; "path/filepath"; "strings")
func serve(w http.ResponseWriter, r *http.Request) {
	p := filepath.Clean(filepath.Join("/srv/files", r.URL.Query().Get("f")))
	if !strings.HasPrefix(p, "/srv/files/") {
		http.Error(w, "bad path", 400)
		return
	}
	data, _ := os.ReadFile(p)
	w.Write(data)
}`),
  no('go', 'fileserver.go', `package main
import "net/http"
func main() {
	http.Handle("/static/", http.StripPrefix("/static/", http.FileServer(http.Dir("./static"))))
	http.ListenAndServe(":8080", nil)
}`),
];

const java: PathCase[] = [
  yes('java', 'src/main/java/app/FileServlet.java', `import javax.servlet.http.*;
import java.io.*;
public class FileServlet extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = req.getParameter("file");
    File f = new File("/var/data", name);
    try (FileInputStream in = new FileInputStream(f)) { in.transferTo(resp.getOutputStream()); }
  }
}`),
  yes('java', 'src/main/java/app/DocController.java', `import org.springframework.web.bind.annotation.*;
import java.nio.file.*;
@RestController
public class DocController {
  @GetMapping("/docs/{name}")
  public byte[] doc(@PathVariable String name) throws Exception {
    return Files.readAllBytes(Paths.get("/srv/docs", name));
  }
}`),
  yes('java', 'src/main/java/app/Reports.java', `import org.springframework.web.bind.annotation.*;
import org.springframework.core.io.*;
@RestController
public class Reports {
  @GetMapping("/report")
  public Resource report(@RequestParam("name") String name) {
    return new FileSystemResource("/reports/" + name);
  }
}`),
  yes('java', 'src/main/java/app/Unzip.java', `import java.util.zip.*;
import java.io.*;
public class Unzip {
  public static void unzip(InputStream in, File dest) throws IOException {
    ZipInputStream zis = new ZipInputStream(in);
    ZipEntry entry;
    while ((entry = zis.getNextEntry()) != null) {
      File out = new File(dest, entry.getName());
      try (FileOutputStream fos = new FileOutputStream(out)) { zis.transferTo(fos); }
    }
  }
}`),
  yes('java', 'src/main/java/app/Files.java', `import javax.ws.rs.*;
import java.io.File;
@Path("/files")
public class FilesResource {
  @GET
  @Path("{name}")
  public File get(@PathParam("name") String name) {
    return new File("/data/files/" + name);
  }
}`),
  yes('java', 'src/main/java/app/Templates.java', `import org.springframework.web.bind.annotation.*;
import org.springframework.core.io.ClassPathResource;
@RestController
public class Templates {
  @GetMapping("/tpl")
  public String tpl(@RequestParam String name) throws Exception {
    return new String(new ClassPathResource("templates/" + name).getInputStream().readAllBytes());
  }
}`),
  no('java', 'src/main/java/app/FileServlet.java', `import javax.servlet.http.*;
import java.io.*;
public class FileServlet extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    File base = new File("/var/data").getCanonicalFile();
    File f = new File(base, req.getParameter("file")).getCanonicalFile();
    if (!f.toPath().startsWith(base.toPath())) { resp.sendError(403); return; }
    try (FileInputStream in = new FileInputStream(f)) { in.transferTo(resp.getOutputStream()); }
  }
}`),
  no('java', 'src/main/java/app/DocController.java', `import org.springframework.web.bind.annotation.*;
import java.nio.file.*;
@RestController
public class DocController {
  @GetMapping("/docs/{name}")
  public byte[] doc(@PathVariable String name) throws Exception {
    return Files.readAllBytes(Paths.get("/srv/docs", Paths.get(name).getFileName().toString()));
  }
}`),
  no('java', 'src/main/java/app/Unzip.java', `import java.util.zip.*;
import java.io.*;
public class Unzip {
  public static void unzip(ZipInputStream zis, File dest) throws IOException {
    String destPath = dest.getCanonicalPath();
    ZipEntry entry;
    while ((entry = zis.getNextEntry()) != null) {
      File out = new File(dest, entry.getName());
      if (!out.getCanonicalPath().startsWith(destPath + File.separator)) throw new IOException("zip slip");
      try (FileOutputStream fos = new FileOutputStream(out)) { zis.transferTo(fos); }
    }
  }
}`),
];

const csharp: PathCase[] = [
  yes('csharp', 'Controllers/FilesController.cs', `using Microsoft.AspNetCore.Mvc;
using System.IO;
public class FilesController : Controller {
  [HttpGet("files/{name}")]
  public IActionResult Get(string name) {
    var path = Path.Combine("/srv/files", name);
    return PhysicalFile(path, "application/octet-stream");
  }
}`),
  yes('csharp', 'Controllers/Upload.cs', `using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using System.IO;
public class UploadController : ControllerBase {
  [HttpPost]
  public async Task<IActionResult> Post(IFormFile file) {
    using var stream = System.IO.File.Create(Path.Combine("uploads", file.FileName));
    await file.CopyToAsync(stream);
    return Ok();
  }
}`),
  yes('csharp', 'Controllers/ReadController.cs', `using Microsoft.AspNetCore.Mvc;
using System.IO;
public class ReadController : ControllerBase {
  [HttpGet("read")]
  public string Read([FromQuery] string file) {
    return System.IO.File.ReadAllText("data/" + file);
  }
}`),
  yes('csharp', 'Zip.cs', `using System.IO;
using System.IO.Compression;
public static class Zip {
  public static void Extract(string zipPath, string dest) {
    using var archive = ZipFile.OpenRead(zipPath);
    foreach (var entry in archive.Entries) {
      entry.ExtractToFile(Path.Combine(dest, entry.FullName));
    }
  }
}`),
  no('csharp', 'Controllers/FilesController.cs', `using Microsoft.AspNetCore.Mvc;
using System.IO;
public class FilesController : Controller {
  [HttpGet("files/{name}")]
  public IActionResult Get(string name) {
    var path = Path.Combine("/srv/files", Path.GetFileName(name));
    return PhysicalFile(path, "application/octet-stream");
  }
}`),
  no('csharp', 'Controllers/ReadController.cs', `using Microsoft.AspNetCore.Mvc;
using System.IO;
public class ReadController : ControllerBase {
  private const string Root = "/srv/data/";
  [HttpGet("read")]
  public IActionResult Read([FromQuery] string file) {
    var full = Path.GetFullPath(Path.Combine(Root, file));
    if (!full.StartsWith(Root)) return BadRequest();
    return Content(System.IO.File.ReadAllText(full));
  }
}`),
];

const ruby: PathCase[] = [
  yes('ruby', 'app/controllers/files_controller.rb', `class FilesController < ApplicationController
  def show
    send_file Rails.root.join('storage', params[:name])
  end
end`),
  yes('ruby', 'app/controllers/reports_controller.rb', `class ReportsController < ApplicationController
  def show
    @body = File.read("reports/#{params[:id]}.txt")
  end
end`),
  yes('ruby', 'app.rb', `require 'sinatra'
get '/file' do
  File.read(File.join('public', params['name']))
end`),
  yes('ruby', 'app/controllers/pages_controller.rb', `class PagesController < ApplicationController
  def show
    render file: "pages/#{params[:page]}"
  end
end`),
  yes('ruby', 'app/controllers/cleanup_controller.rb', `class CleanupController < ApplicationController
  def destroy
    FileUtils.rm_rf(File.join(Rails.root, 'tmp', params[:dir]))
    head :no_content
  end
end`),
  no('ruby', 'app/controllers/files_controller.rb', `class FilesController < ApplicationController
  def show
    send_file Rails.root.join('storage', File.basename(params[:name]))
  end
end`),
  no('ruby', 'app/controllers/reports_controller.rb', `class ReportsController < ApplicationController
  ALLOWED = %w[daily weekly].freeze
  def show
    name = params[:id]
    raise ActionController::BadRequest unless ALLOWED.include?(name)
    @body = File.read("reports/#{name}.txt")
  end
end`),
];

const php: PathCase[] = [
  yes('php', 'download.php', `<?php
$file = $_GET['file'];
readfile('/var/www/files/' . $file);`),
  yes('php', 'page.php', `<?php
$page = $_REQUEST['page'];
include 'pages/' . $page . '.php';`),
  yes('php', 'upload.php', `<?php
$target = 'uploads/' . $_FILES['doc']['name'];
move_uploaded_file($_FILES['doc']['tmp_name'], $target);`),
  yes('php', 'app/Http/Controllers/FileController.php', `<?php
namespace App\\Http\\Controllers;
use Illuminate\\Http\\Request;
class FileController extends Controller {
    public function download(Request $request) {
        return response()->download(storage_path('app/files/' . $request->input('name')));
    }
}`),
  yes('php', 'app/Http/Controllers/DocController.php', `<?php
namespace App\\Http\\Controllers;
use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Storage;
class DocController extends Controller {
    public function show(Request $request) {
        return Storage::get('docs/' . $request->query('doc'));
    }
}`),
  yes('php', 'delete.php', `<?php
if (isset($_POST['name'])) {
    unlink(__DIR__ . '/cache/' . $_POST['name']);
}`),
  no('php', 'download.php', `<?php
$file = basename($_GET['file']);
readfile('/var/www/files/' . $file);`),
  no('php', 'view.php', `<?php
$base = realpath('/var/www/files');
$path = realpath($base . '/' . $_GET['f']);
if ($path === false || strpos($path, $base . DIRECTORY_SEPARATOR) !== 0) { http_response_code(403); exit; }
readfile($path);`),
  no('php', 'page.php', `<?php
$pages = ['home', 'about'];
$page = in_array($_GET['p'], $pages, true) ? $_GET['p'] : 'home';
include 'pages/' . $page . '.php';`),
];

export function pathCases(): PathCase[] {
  return [...js, ...python, ...go, ...java, ...csharp, ...ruby, ...php];
}
