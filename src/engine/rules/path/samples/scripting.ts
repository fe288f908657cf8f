import type { LanguageSamples } from './types';

const rb = (text: string, path = 'app/controllers/files_controller.rb') => ({ text, path });
const php = (text: string, path = 'public/download.php') => ({ text, path });

export const rubySamples: LanguageSamples = {
  traversal: {
    positive: [
      rb(`class DirsController < ApplicationController
  def index
    render json: Dir.glob(File.join(ROOT, params[:dir], '*'))
  end
end`),
      rb(`class DirsController < ApplicationController
  def destroy
    Dir.delete(ROOT + '/' + params[:dir])
  end
end`),
      rb(`class FilesController < ApplicationController
  def update
    File.lchmod(0644, File.join(ROOT, params[:name]))
  end
end`),
      rb(`class FilesController < ApplicationController
  def show
    render plain: Kernel.open("#{ROOT}/#{params[:name]}").read
  end
end`),
      rb(`class FilesController < ApplicationController
  def show
    send_file Rails.root.join('uploads', params[:name])
  end
end
`),
      rb(`class DocsController < ApplicationController
  def show
    name = params.require(:doc)
    render plain: File.read("#{DOCS}/#{name}.md")
  end
end
`),
    ],
    negative: [
      { ...rb(`class DirsController < ApplicationController
  def destroy
    Dir.delete(File.join(ROOT, File.basename(params[:dir])))
  end
end`), reason: 'File.basename keeps only the last name' },
      { ...rb(`class ReportsController < ApplicationController
  def show
    send_file File.join(REPORTS, cookies.encrypted[:report])
  end
end`, 'app/controllers/reports_controller.rb'), reason: 'an encrypted cookie is set by the server; the client cannot choose its value' },
      { ...rb(`class ThemesController < ApplicationController
  def show
    render plain: File.read(File.join(THEMES, cookies.signed[:theme]))
  end
end`, 'app/controllers/themes_controller.rb'), reason: 'a signed cookie is set by the server; the client cannot forge it' },
      { ...rb(`class FilesController < ApplicationController
  def show
    send_file Rails.root.join('uploads', File.basename(params[:name]))
  end
end
`), reason: 'File.basename keeps the file name' },
      { ...rb(`class FilesController < ApplicationController
  def show
    path = File.expand_path(File.join(BASE, params[:name]))
    raise ActionController::RoutingError, 'no' unless path.start_with?(BASE + '/')
    send_file path
  end
end
`), reason: 'expand_path then start_with?(BASE)' },
      { ...rb(`class FilesController < ApplicationController
  # send_file params[:path] would be unsafe
  def show
    send_file Rails.root.join('public', 'terms.pdf')
  end
end
`), reason: 'constant path; params only in a comment' },
    ],
  },
  'zip-slip': {
    positive: [
      rb(`Zip::File.open(archive) do |zip_file|
  zip_file.each do |entry|
    entry.extract(File.join(dest, entry.name))
  end
end
`, 'lib/unzip.rb'),
    ],
    negative: [
      { ...rb(`Zip::File.open(archive) do |zip_file|
  zip_file.each do |entry|
    target = File.expand_path(File.join(dest, entry.name))
    next unless target.start_with?(File.expand_path(dest) + '/')
    entry.extract(target)
  end
end
`, 'lib/unzip.rb'), reason: 'expanded path checked against the destination' },
    ],
  },
  'cli-argument': {
    positive: [rb(`puts File.read(ARGV[0])
`, 'bin/cat.rb')],
    negative: [{ ...rb(`puts File.read('config.yml') if ARGV.empty?
`, 'bin/show.rb'), reason: 'ARGV is only tested for emptiness' }],
  },
};

export const phpSamples: LanguageSamples = {
  traversal: {
    positive: [
      php(`<?php
$name = $_POST['name'];
if (file_exists('/var/data/' . $name)) {
  echo filesize('/var/data/' . $name);
}`),
      php(`<?php
chmod(UPLOAD_DIR . $_REQUEST['f'], 0644);`),
      php(`<?php
$f = $_GET['f'];
if (is_file("/srv/files/$f")) { unlink("/srv/files/$f"); }`),
      php(`<?php
$file = $_GET['file'];
readfile('/var/www/files/' . $file);
`),
      php(`<?php
function page() {
  $page = $_REQUEST['page'];
  include "pages/$page.php";
}
`),
      php(`<?php
move_uploaded_file($_FILES['doc']['tmp_name'], 'uploads/' . $_FILES['doc']['name']);
`),
    ],
    negative: [
      { ...php(`<?php
$name = basename($_POST['name']);
if (file_exists('/var/data/' . $name)) { echo filesize('/var/data/' . $name); }`), reason: 'basename keeps only the file name' },
      { ...php(`<?php
if (is_file(CACHE_DIR . '/index.html')) { chmod(CACHE_DIR . '/index.html', 0644); }
echo htmlspecialchars($_GET['q']);`), reason: 'constant paths; request data is only echoed' },
      { ...php(`<?php
$file = basename($_GET['file']);
readfile('/var/www/files/' . $file);
`), reason: 'basename keeps the file name' },
      { ...php(`<?php
$path = realpath('/var/www/files/' . $_GET['file']);
if ($path === false || !str_starts_with($path, '/var/www/files/')) { http_response_code(404); exit; }
readfile($path);
`), reason: 'realpath then str_starts_with(base)' },
      { ...php(`<?php
$pages = ['home', 'about'];
$page = $_GET['page'];
if (!in_array($page, $pages, true)) { $page = 'home'; }
include "pages/$page.php";
`), reason: 'allowlist check with in_array' },
      { ...php(`<?php
// readfile($_GET['file']) would be unsafe
echo htmlspecialchars($_GET['q']);
readfile('/var/www/terms.txt');
`), reason: 'constant path; the request value is only echoed' },
    ],
  },
  'zip-slip': {
    positive: [
      php(`<?php
for ($i = 0; $i < $zip->numFiles; $i++) {
  $name = $zip->getNameIndex($i);
  copy("zip://$archive#$name", $dest . '/' . $name);
}
`, 'lib/unzip.php'),
    ],
    negative: [
      { ...php(`<?php
for ($i = 0; $i < $zip->numFiles; $i++) {
  $name = basename($zip->getNameIndex($i));
  copy("zip://$archive#$name", $dest . '/' . $name);
}
`, 'lib/unzip.php'), reason: 'only the base name of the entry is used as the target' },
    ],
  },
  'cli-argument': {
    positive: [php(`<?php
echo file_get_contents($argv[1]);
`, 'bin/cat.php')],
    negative: [{ ...php(`<?php
if (count($argv) > 2) { echo "usage"; }
echo file_get_contents('config.ini');
`, 'bin/show.php'), reason: 'argv is only counted' }],
  },
};
