import type { PathCase } from './pathCases';

// A second labelled path set, held out: written after the issue-15 changes, from the same
// frameworks' documentation but in other shapes (other APIs, other helpers, other checks), and run
// once for the figure, not tuned to. `npm run recall:path` prints both sets apart.

const yes = (family: string, path: string, text: string): PathCase => ({ family, path, text, vulnerable: true });
const no = (family: string, path: string, text: string): PathCase => ({ family, path, text, vulnerable: false });

export function heldOutPathCases(): PathCase[] {
  return [
    // JavaScript / TypeScript
    yes('js', 'routes/export.js', `const path = require('path');
router.get('/export/:file', function (req, res) {
  res.download(path.join(EXPORT_DIR, req.params.file));
});`),
    yes('js', 'routes/wild.js', `const fs = require('fs');
app.get('/static/*', (req, res) => {
  fs.promises.readFile('public/' + req.params[0]).then((buf) => res.end(buf));
});`),
    yes('js', 'server/hapi.js', `const fs = require('fs');
server.route({ method: 'GET', path: '/f/{name}', handler: (request, h) => fs.readFileSync('/data/' + request.params.name) });`),
    yes('js', 'routes/move.ts', `import { rename } from 'fs/promises';
import path from 'path';
export async function move(req, res) {
  const { from, to } = req.body;
  await rename(path.join(ROOT, from), path.join(ROOT, to));
  res.sendStatus(200);
}`),
    yes('js', 'routes/template.js', `const fs = require('fs');
const path = require('path');
const loadTemplate = (name) => fs.readFileSync(path.join(VIEWS, name + '.html'), 'utf8');
app.get('/page', (req, res) => res.send(loadTemplate(req.query.page)));`),
    yes('js', 'routes/zip.js', `const AdmZip = require('adm-zip');
const fs = require('fs');
const path = require('path');
const zip = new AdmZip(upload);
zip.getEntries().forEach((entry) => {
  fs.writeFileSync(path.join(dest, entry.entryName), entry.getData());
});`),
    no('js', 'routes/export.js', `const path = require('path');
router.get('/export/:file', function (req, res) {
  const name = path.basename(req.params.file);
  res.download(path.join(EXPORT_DIR, name));
});`),
    no('js', 'routes/id.js', `const fs = require('fs');
app.get('/invoice/:id', (req, res) => {
  const id = Number(req.params.id);
  res.send(fs.readFileSync(\`invoices/\${id}.pdf\`));
});`),
    no('js', 'routes/regex.js', `const fs = require('fs');
app.get('/img', (req, res) => {
  const name = req.query.name;
  if (!/^[a-z0-9_-]+\\.png$/.test(name)) return res.sendStatus(400);
  fs.createReadStream('img/' + name).pipe(res);
});`),
    no('js', 'lib/build.js', `const fs = require('fs');
const path = require('path');
for (const file of fs.readdirSync(SRC)) {
  fs.copyFileSync(path.join(SRC, file), path.join(OUT, file));
}`),
    // Python
    yes('python', 'app/upload.py', `import os
from flask import request
@app.route('/upload', methods=['POST'])
def upload():
    f = request.files['doc']
    f.save(os.path.join(UPLOAD_FOLDER, f.filename))
    return 'ok'`),
    yes('python', 'app/aio.py', `from aiohttp import web
async def handle(request):
    name = request.match_info['name']
    with open(f'/srv/files/{name}') as fh:
        return web.Response(text=fh.read())`),
    yes('python', 'app/pathlib_view.py', `from pathlib import Path
from flask import request
BASE = Path('/srv/notes')
@app.get('/note')
def note():
    return (BASE / request.args['n']).read_text()`),
    yes('python', 'app/copy.py', `import shutil
from django.http import HttpResponse
def backup(request):
    shutil.copy(request.POST.get('src'), '/backups/')
    return HttpResponse('ok')`),
    yes('python', 'app/api.py', `from fastapi import FastAPI
app = FastAPI()
@app.delete('/files/{name}')
def delete(name: str):
    import os
    os.remove(os.path.join('/data', name))
    return {}`),
    no('python', 'app/safe_join.py', `from flask import request, send_file
from werkzeug.security import safe_join
@app.route('/f')
def f():
    path = safe_join('/srv/files', request.args['name'])
    if path is None:
        abort(404)
    return send_file(path)`),
    no('python', 'app/common.py', `import os
from flask import request
ROOT = os.path.realpath('/srv')
@app.route('/r')
def r():
    p = os.path.realpath(os.path.join(ROOT, request.args['f']))
    if os.path.commonpath([ROOT, p]) != ROOT:
        return 'no', 403
    return open(p).read()`),
    no('python', 'app/choice.py', `from flask import request
REPORTS = {'q1': 'q1.csv', 'q2': 'q2.csv'}
@app.route('/report')
def report():
    name = REPORTS.get(request.args['r'], 'q1.csv')
    return open('/srv/reports/' + name).read()`),
    // Go
    yes('go', 'gin_upload.go', `package main
import "github.com/gin-gonic/gin"
func upload(c *gin.Context) {
	file, _ := c.FormFile("file")
	c.SaveUploadedFile(file, "/uploads/"+file.Filename)
}`),
    yes('go', 'mux.go', `package main
import ("net/http"; "os"; "io"; "github.com/gorilla/mux")
func get(w http.ResponseWriter, r *http.Request) {
	f, _ := os.Open("/data/" + mux.Vars(r)["name"])
	io.Copy(w, f)
}`),
    yes('go', 'untar.go', `package archive
import ("archive/tar"; "io"; "os"; "path/filepath")
func Untar(tr *tar.Reader, dest string) {
	for {
		hdr, err := tr.Next()
		if err != nil { return }
		f, _ := os.Create(filepath.Join(dest, hdr.Name))
		io.Copy(f, tr)
	}
}`),
    yes('go', 'form.go', `package main
import ("net/http"; "os")
func del(w http.ResponseWriter, r *http.Request) {
	os.Remove("/tmp/cache/" + r.FormValue("key"))
}`),
    no('go', 'contains.go', `package main
import ("net/http"; "os"; "strings")
func get(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("f")
	if strings.Contains(name, "..") { http.Error(w, "bad", 400); return }
	data, _ := os.ReadFile("/srv/" + name)
	w.Write(data)
}`),
    no('go', 'base.go', `package main
import ("github.com/gin-gonic/gin"; "path/filepath")
func upload(c *gin.Context) {
	file, _ := c.FormFile("file")
	c.SaveUploadedFile(file, filepath.Join("/uploads", filepath.Base(file.Filename)))
}`),
    // Java
    yes('java', 'src/main/java/app/PathInfo.java', `import javax.servlet.http.*;
import java.nio.file.*;
public class PathInfo extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
    Files.copy(Paths.get("/var/www" + req.getPathInfo()), resp.getOutputStream());
  }
}`),
    yes('java', 'src/main/java/app/Upload.java', `import org.springframework.web.multipart.MultipartFile;
import java.io.File;
@RestController
public class Upload {
  @PostMapping("/upload")
  public void upload(@RequestParam("file") MultipartFile file) throws Exception {
    file.transferTo(new File(UPLOAD_DIR, file.getOriginalFilename()));
  }
}`),
    yes('java', 'src/main/java/app/Untar.java', `import org.apache.commons.compress.archivers.tar.*;
import java.io.*;
public class Untar {
  void untar(TarArchiveInputStream tin, File dest) throws IOException {
    TarArchiveEntry e;
    while ((e = tin.getNextTarEntry()) != null) {
      File out = new File(dest, e.getName());
      try (OutputStream os = new FileOutputStream(out)) { tin.transferTo(os); }
    }
  }
}`),
    yes('java', 'src/main/java/app/Delete.java', `import org.springframework.web.bind.annotation.*;
import java.io.File;
@RestController
public class Delete {
  @DeleteMapping("/files/{name}")
  public void delete(@PathVariable("name") String name) {
    new File("/srv/files/" + name).delete();
  }
}`),
    no('java', 'src/main/java/app/Safe.java', `import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.*;
import java.nio.file.*;
@RestController
public class Safe {
  @GetMapping("/f")
  public byte[] f(@RequestParam String name) throws Exception {
    return Files.readAllBytes(Paths.get("/srv", FilenameUtils.getName(name)));
  }
}`),
    no('java', 'src/main/java/app/Normalized.java', `import org.springframework.web.bind.annotation.*;
import java.nio.file.*;
@RestController
public class Normalized {
  private static final Path ROOT = Paths.get("/srv").toAbsolutePath().normalize();
  @GetMapping("/f")
  public byte[] f(@RequestParam String name) throws Exception {
    Path p = ROOT.resolve(name).normalize();
    if (!p.startsWith(ROOT)) throw new SecurityException("outside");
    return Files.readAllBytes(p);
  }
}`),
    // C#
    yes('csharp', 'Controllers/QueryController.cs', `using Microsoft.AspNetCore.Mvc;
using System.IO;
public class QueryController : Controller {
  public IActionResult Index() {
    var bytes = System.IO.File.ReadAllBytes(Path.Combine("wwwroot/docs", Request.Query["file"]));
    return File(bytes, "application/pdf");
  }
}`),
    yes('csharp', 'Controllers/RouteController.cs', `using Microsoft.AspNetCore.Mvc;
public class RouteController : ControllerBase {
  [HttpGet("img/{**path}")]
  public IActionResult Img([FromRoute] string path) {
    return PhysicalFile("/srv/img/" + path, "image/png");
  }
}`),
    yes('csharp', 'Controllers/SaveController.cs', `using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using System.IO;
public class SaveController : ControllerBase {
  [HttpPost]
  public async Task Save(IFormFile upload) {
    using var fs = new FileStream(Path.Combine(_root, upload.FileName), FileMode.Create);
    await upload.CopyToAsync(fs);
  }
}`),
    no('csharp', 'Controllers/SafeController.cs', `using Microsoft.AspNetCore.Mvc;
using System.IO;
public class SafeController : ControllerBase {
  [HttpGet("f")]
  public IActionResult Get([FromQuery] string name) {
    return PhysicalFile(Path.Combine("/srv/files", Path.GetFileName(name)), "text/plain");
  }
}`),
    // Ruby
    yes('ruby', 'app.rb', `require 'sinatra'
get '/download' do
  send_file File.join(settings.public_folder, params[:file])
end`),
    yes('ruby', 'app/controllers/uploads_controller.rb', `class UploadsController < ApplicationController
  def create
    upload = params[:file]
    File.open(Rails.root.join('public', 'uploads', upload.original_filename), 'wb') { |f| f.write(upload.read) }
  end
end`),
    yes('ruby', 'lib/unzip.rb', `require 'zip'
Zip::File.open(archive) do |zip_file|
  zip_file.each do |entry|
    entry.extract(File.join(dest, entry.name))
  end
end`),
    no('ruby', 'app/controllers/avatars_controller.rb', `class AvatarsController < ApplicationController
  def show
    name = File.basename(params[:name])
    send_file Rails.root.join('avatars', name), disposition: 'inline'
  end
end`),
    no('ruby', 'app/controllers/themes_controller.rb', `class ThemesController < ApplicationController
  THEMES = %w[light dark].freeze
  def show
    theme = THEMES.include?(params[:t]) ? params[:t] : 'light'
    render plain: File.read("themes/#{theme}.css")
  end
end`),
    // PHP
    yes('php', 'save.php', `<?php
file_put_contents('notes/' . $_POST['title'] . '.txt', $_POST['body']);`),
    yes('php', 'src/Controller/DownloadController.php', `<?php
namespace App\\Controller;
use Symfony\\Component\\HttpFoundation\\BinaryFileResponse;
use Symfony\\Component\\HttpFoundation\\Request;
class DownloadController {
    public function download(Request $request) {
        return new BinaryFileResponse('/srv/files/' . $request->query->get('file'));
    }
}`),
    yes('php', 'unzip.php', `<?php
$zip = new ZipArchive();
$zip->open($upload);
for ($i = 0; $i < $zip->numFiles; $i++) {
    $name = $zip->getNameIndex($i);
    file_put_contents($dest . '/' . $name, $zip->getFromIndex($i));
}`),
    yes('php', 'lib/view.php', `<?php
function render_view($view) {
    include __DIR__ . '/views/' . $view . '.php';
}
render_view($_GET['view']);`),
    no('php', 'save.php', `<?php
$title = preg_replace('/[^a-z0-9_-]/i', '', $_POST['title']);
if (!preg_match('/^[a-z0-9_-]+$/i', $_POST['title'])) { exit; }
file_put_contents('notes/' . basename($_POST['title']) . '.txt', $_POST['body']);`),
    no('php', 'id.php', `<?php
$id = intval($_GET['id']);
readfile("invoices/$id.pdf");`),
  ];
}
