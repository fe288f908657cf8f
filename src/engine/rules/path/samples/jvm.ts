import type { LanguageSamples } from './types';

const java = (text: string, path = 'src/main/java/app/FileController.java') => ({ text, path });
const cs = (text: string, path = 'Controllers/FilesController.cs') => ({ text, path });

export const javaSamples: LanguageSamples = {
  traversal: {
    positive: [
      java(`public class FileServlet extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = request.getParameterValues("file")[0];
    Files.copy(Paths.get("/srv/files", name), response.getOutputStream());
  }
}`, 'src/main/java/app/FileServlet.java'),
      java(`class FileController {
  @GetMapping("/files/{name}")
  public byte[] get(@PathVariable String name) throws IOException {
    Path p = Paths.get("/srv/files").resolve(name);
    return Files.readAllBytes(p);
  }
}`),
      java(`class DownloadServlet extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String file = req.getParameter("file");
    FileInputStream in = new FileInputStream(new File(BASE_DIR, file));
    in.transferTo(resp.getOutputStream());
  }
}`),
      java(`class UploadController {
  @PostMapping("/upload")
  public void upload(@RequestParam MultipartFile file) throws IOException {
    file.transferTo(Files.newOutputStream(Paths.get(UPLOADS, file.getOriginalFilename())));
  }
}`),
    ],
    negative: [
      { ...java(`class FileController {
  @GetMapping("/files/{name}")
  public byte[] get(@PathVariable String name) throws IOException {
    Path base = Paths.get("/srv/files").toRealPath();
    Path p = base.resolve(name).normalize();
    if (!p.startsWith(base)) throw new SecurityException("outside");
    return Files.readAllBytes(p);
  }
}`), reason: 'normalized then startsWith(base)' },
      { ...java(`class FileController {
  @GetMapping("/files/{name}")
  public byte[] get(@PathVariable String name) throws IOException {
    String safe = FilenameUtils.getName(name);
    return Files.readAllBytes(Paths.get(BASE, safe));
  }
}`), reason: 'FilenameUtils.getName keeps the file name' },
      { ...java(`class ReportController {
  @GetMapping("/report")
  public byte[] get(@RequestParam String id) throws IOException {
    // Files.readAllBytes(Paths.get(request.getParameter("f"))) would be unsafe
    return Files.readAllBytes(Paths.get(REPORTS, "summary.pdf"));
  }
}`), reason: 'constant path; the request value is unused and only mentioned in a comment' },
    ],
  },
  'zip-slip': {
    positive: [
      java(`class Unzip {
  void extract(ZipInputStream zis, File dest) throws IOException {
    ZipEntry entry;
    while ((entry = zis.getNextEntry()) != null) {
      File out = new File(dest, entry.getName());
      Files.copy(zis, out.toPath());
    }
  }
}`, 'src/main/java/app/Unzip.java'),
    ],
    negative: [
      { ...java(`class Unzip {
  void extract(ZipInputStream zis, File dest) throws IOException {
    ZipEntry entry;
    while ((entry = zis.getNextEntry()) != null) {
      File out = new File(dest, entry.getName());
      if (!out.getCanonicalPath().startsWith(dest.getCanonicalPath() + File.separator)) throw new IOException("zip slip");
      Files.copy(zis, out.toPath());
    }
  }
}`, 'src/main/java/app/Unzip.java'), reason: 'canonical path checked against the destination' },
    ],
  },
  'cli-argument': {
    positive: [java(`class Cat {
  public static void main(String[] args) throws IOException {
    System.out.println(Files.readString(Paths.get(args[0])));
  }
}`, 'src/main/java/app/Cat.java')],
    negative: [{ ...java(`class Tool {
  public static void main(String[] args) throws IOException {
    System.out.println(args.length + Files.readString(Paths.get("config.txt")));
  }
}`, 'src/main/java/app/Tool.java'), reason: 'args is only counted; the path is constant' }],
  },
};

export const csharpSamples: LanguageSamples = {
  traversal: {
    positive: [
      cs(`public class FilesController : ControllerBase {
  [HttpGet("{name}")]
  public IActionResult Get(string name) {
    var path = Path.Combine(_root, name);
    return PhysicalFile(path, "application/octet-stream");
  }
}`),
      cs(`public class ReportsController : Controller {
  public string Read() {
    var file = Request.Query["file"].ToString();
    return System.IO.File.ReadAllText($"/srv/reports/{file}");
  }
}`),
      cs(`public class UploadController : ControllerBase {
  [HttpPost]
  public async Task Upload(IFormFile upload) {
    using var stream = new FileStream(Path.Combine(_uploads, upload.FileName), FileMode.Create);
    await upload.CopyToAsync(stream);
  }
}`),
    ],
    negative: [
      { ...cs(`public class FilesController : ControllerBase {
  [HttpGet("{name}")]
  public IActionResult Get(string name) {
    var path = Path.Combine(_root, Path.GetFileName(name));
    return PhysicalFile(path, "application/octet-stream");
  }
}`), reason: 'Path.GetFileName keeps the file name' },
      { ...cs(`public class FilesController : ControllerBase {
  [HttpGet("{name}")]
  public IActionResult Get(string name) {
    var full = Path.GetFullPath(Path.Combine(_root, name));
    if (!full.StartsWith(_root + Path.DirectorySeparatorChar)) return Forbid();
    return PhysicalFile(full, "application/octet-stream");
  }
}`), reason: 'GetFullPath then StartsWith(root)' },
      { ...cs(`public class Helper {
  public string Load(string name) {
    return File.ReadAllText(Path.Combine(_root, name));
  }
}`, 'Services/Helper.cs'), reason: 'not a controller: name is not known to come from a request' },
    ],
  },
  'zip-slip': {
    positive: [
      cs(`public static class Unzip {
  public static void Extract(ZipArchive archive, string dest) {
    foreach (var entry in archive.Entries) {
      entry.ExtractToFile(Path.Combine(dest, entry.FullName));
    }
  }
}`, 'Services/Unzip.cs'),
    ],
    negative: [
      { ...cs(`public static class Unzip {
  public static void Extract(ZipArchive archive, string dest) {
    foreach (var entry in archive.Entries) {
      var target = Path.GetFullPath(Path.Combine(dest, entry.FullName));
      if (!target.StartsWith(Path.GetFullPath(dest) + Path.DirectorySeparatorChar)) continue;
      entry.ExtractToFile(target);
    }
  }
}`, 'Services/Unzip.cs'), reason: 'full path checked against the destination' },
    ],
  },
  'cli-argument': {
    positive: [cs(`class Program {
  static void Main(string[] args) {
    Console.WriteLine(File.ReadAllText(args[0]));
  }
}`, 'Program.cs')],
    negative: [{ ...cs(`class Program {
  static void Main(string[] args) {
    Console.WriteLine(File.ReadAllText("appsettings.json") + args.Length);
  }
}`, 'Program.cs'), reason: 'args is only counted' }],
  },
};
