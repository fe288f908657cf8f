import type { LanguageSamples } from './types';

// The framework APIs issue 15 listed, one sample each (true or false, as the issue says), besides
// the per-language sample files: Node's fs variants and http server, Django, tarfile, Rails,
// Laravel/Symfony, Spring resources and JAX-RS, gin/echo, and the sanitized shapes of each.

const at = (path: string, text: string) => ({ text, path });

export const frameworkSamples: LanguageSamples = {
  traversal: {
    positive: [
      at('server.js', `const fs = require('fs').promises;
app.get('/x', async (req, res) => res.send(await fs.readFile('/srv/' + req.query.f)));`),
      at('server.js', `const { promises: fsp } = require('fs');
app.get('/x', async (req, res) => res.send(await fsp.readFile('/srv/' + req.query.f)));`),
      at('server.js', `const fse = require('fs-extra');
app.post('/x', async (req, res) => { await fse.copy('/srv/' + req.body.from, '/tmp/out'); res.end(); });`),
      at('server.js', `const fs = require('fs');
require('http').createServer(function (request, response) {
  const q = require('url').parse(request.url, true).query;
  fs.readFile('./' + q.file, (e, d) => response.end(d));
});`),
      at('server.js', `const fs = require('fs');
http.createServer((req, res) => {
  const q = querystring.parse(req.url.split('?')[1]);
  fs.createReadStream('./public/' + q.file).pipe(res);
});`),
      at('server.js', `const fs = require('fs');
const path = require('path');
http.createServer((req, res) => {
  fs.createReadStream(path.join(__dirname, 'public', req.url)).pipe(res);
});`),
      at('routes/render.js', `const path = require('path');
app.get('/t', (req, res) => {
  const view = path.join(VIEWS, req.query.name);
  templates.render(view, res);
});`),
      at('files/views.py', `import os
from django.http import HttpResponse
def report(request):
    name = request.GET['name']
    summary = build_summary(request.user)
    with open(os.path.join(REPORTS, name)) as fh:
        return HttpResponse(fh.read() + summary)`),
      at('app/controllers/pages_controller.rb', `class PagesController < ApplicationController
  def show
    render file: "pages/#{params[:page]}"
  end
end`),
      at('app/controllers/files_controller.rb', `class FilesController < ApplicationController
  def show
    send_data IO.read(File.join('exports', request.env['HTTP_X_EXPORT']))
  end
end`),
      at('app/Http/Controllers/DocController.php', `<?php
use Illuminate\\Support\\Facades\\Storage;
class DocController extends Controller {
    public function show(Request $request) {
        return Storage::get('docs/' . $request->query('doc'));
    }
}`),
      at('app/Http/Controllers/FileController.php', `<?php
class FileController extends Controller {
    public function download(Request $request) {
        return response()->download(storage_path('app/files/' . $request->input('name')));
    }
}`),
      at('app/Http/Controllers/DiskController.php', `<?php
class DiskController extends Controller {
    public function show() {
        return Storage::disk('local')->get(request('path'));
    }
}`),
      at('src/Controller/DownloadController.php', `<?php
use Symfony\\Component\\HttpFoundation\\BinaryFileResponse;
class DownloadController {
    public function download(Request $request) {
        return new BinaryFileResponse('/srv/files/' . $request->query->get('file'));
    }
}`),
      at('src/main/java/app/Templates.java', `import org.springframework.core.io.ClassPathResource;
@RestController
public class Templates {
  @GetMapping("/tpl")
  public Resource tpl(@RequestParam String name) {
    return new ClassPathResource("templates/" + name);
  }
}`),
      at('src/main/java/app/Loader.java', `@RestController
public class Loader {
  @Autowired private ResourceLoader resourceLoader;
  @GetMapping("/r")
  public Resource r(@RequestParam String name) {
    return resourceLoader.getResource("classpath:static/" + name);
  }
}`),
      at('src/main/java/app/FilesResource.java', `@javax.ws.rs.Path("/files")
public class FilesResource {
  @javax.ws.rs.GET
  public byte[] get(@javax.ws.rs.PathParam("name") String name) throws Exception {
    return java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/srv", name));
  }
}`),
      at('src/main/java/app/JakartaResource.java', `public class JakartaResource {
  public java.io.File get(@jakarta.ws.rs.QueryParam("name") String name) {
    return new java.io.File("/data/" + name);
  }
}`),
      at('handlers/gin.go', `package handlers
import "github.com/gin-gonic/gin"
func Upload(c *gin.Context) {
	file, _ := c.FormFile("file")
	c.SaveUploadedFile(file, "/uploads/"+file.Filename)
}`),
      at('handlers/echo.go', `package handlers
import "github.com/labstack/echo/v4"
func Get(c echo.Context) error {
	return c.File("assets/" + c.QueryParam("f"))
}`),
      at('Controllers/DocsController.cs', `using Microsoft.AspNetCore.Mvc;
public class DocsController : Controller {
  private string Load(string name) { return System.IO.File.ReadAllText(System.IO.Path.Combine("/srv", name)); }
  [HttpGet] public string Get([FromQuery] string f) { return Load(f); }
}`),
    ],
    negative: [
      { ...at('server.js', `const fs = require('fs');
http.createServer((req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  fs.createReadStream('./public' + path.normalize(pathname)).pipe(res);
});`), reason: "the WHATWG URL's pathname has its dot segments resolved; only the raw req.url is untrusted" },
      { ...at('routes/log.js', `const path = require('path');
app.get('/t', (req, res) => {
  const view = path.join(VIEWS, req.query.name);
  logger.warn('unknown view', view);
  res.status(404).send('not found');
});`), reason: 'the joined path is only logged, never opened or handed on' },
      { ...at('routes/theme.js', `const fs = require('fs');
const THEMES = ['light', 'dark'];
app.get('/theme', (req, res) => {
  const theme = THEMES.includes(req.query.t) ? req.query.t : 'light';
  res.send(fs.readFileSync('./themes/' + theme + '.css'));
});`), reason: 'the ternary keeps the value only when the allowlist holds it' },
      { ...at('page.php', `<?php
$pages = ['home', 'about'];
$page = in_array($_GET['p'], $pages, true) ? $_GET['p'] : 'home';
include 'pages/' . $page . '.php';`), reason: 'in_array allowlist in the ternary' },
      { ...at('app/Http/Controllers/DocController.php', `<?php
class DocController extends Controller {
    public function show(Request $request) {
        return Storage::get('docs/' . basename($request->query('doc')));
    }
}`), reason: 'basename keeps only the file name' },
      { ...at('app/controllers/files_controller.rb', `class FilesController < ApplicationController
  def show
    send_file File.join('exports', sanitize_filename(params[:name]))
  end
end`), reason: 'sanitize_filename strips directories' },
      { ...at('src/main/java/app/Templates.java', `@RestController
public class Templates {
  @GetMapping("/tpl")
  public Resource tpl(@RequestParam String name) {
    return new ClassPathResource("templates/" + FilenameUtils.getName(name));
  }
  public Resource home() { return resourceLoader.getResource("classpath:templates/home.html"); }
}`), reason: 'FilenameUtils.getName keeps only the file name; the other resource is constant' },
      { ...at('handlers/clean.go', `package handlers
import ("net/http"; "os"; "path/filepath"; "strings")
func Get(w http.ResponseWriter, r *http.Request) {
	p := filepath.Clean(filepath.Join("/srv/files", r.URL.Query().Get("f")))
	if !strings.HasPrefix(p, "/srv/files/") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	data, _ := os.ReadFile(p)
	w.Write(data)
}`), reason: 'filepath.Clean then a prefix check against the base folder' },
      { ...at('handlers/gin.go', `package handlers
import ("path/filepath"; "github.com/gin-gonic/gin")
func Upload(c *gin.Context) {
	file, _ := c.FormFile("file")
	c.SaveUploadedFile(file, filepath.Join("/uploads", filepath.Base(file.Filename)))
}`), reason: 'filepath.Base keeps only the file name' },
      { ...at('files/views.py', `import os
from django.http import FileResponse, Http404
BASE = os.path.realpath('/srv/reports')
def report(request):
    path = os.path.realpath(os.path.join(BASE, request.GET['name']))
    if not path.startswith(BASE + os.sep):
        raise Http404()
    return FileResponse(open(path, 'rb'))`), reason: 'realpath then a prefix check against the base folder' },
    ],
  },
  'zip-slip': {
    positive: [
      at('tools/unpack.py', `import tarfile
def unpack(archive, dest):
    with tarfile.open(archive) as tar:
        tar.extractall(dest)`),
      at('tools/unpack_one.py', `import tarfile
tf = tarfile.TarFile.open(path)
for member in tf.getmembers():
    tf.extract(member, dest)`),
    ],
    negative: [
      { ...at('tools/unpack.py', `import tarfile
def unpack(archive, dest):
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter='data')`), reason: "filter='data' refuses ../, absolute names and links outside dest" },
      { ...at('tools/unzip.py', `import zipfile
with zipfile.ZipFile(archive) as zf:
    zf.extractall(dest)`), reason: 'zipfile.extractall strips ../ and absolute parts itself' },
    ],
  },
  'cli-argument': { positive: [], negative: [] },
};
