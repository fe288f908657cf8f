import type { LanguageSamples } from './types';

const py = (text: string, path = 'app/views.py') => ({ text, path });

export const pythonSamples: LanguageSamples = {
  traversal: {
    positive: [
      { text: `import os
import flask
app = flask.Flask(__name__)
@app.route('/f')
def show():
    return flask.send_file(os.path.join(BASE, flask.request.args['f']))`, path: 'app.py' },
      py(`import os
from flask import request, send_file

@app.route('/download')
def download():
    name = request.args.get('file')
    return send_file(os.path.join(UPLOADS, name))
`),
      py(`@app.route('/files/<path:name>')
def show(name):
    with open(f"/srv/files/{name}") as fh:
        return fh.read()
`),
      py(`from pathlib import Path

def read_doc(request):
    doc = request.GET['doc'].replace('..', '')
    return (Path(DOCS) / doc).read_text()
`),
      py(`@router.get("/img/{name}")
async def image(name: str):
    return FileResponse(os.path.join(IMAGES, name))
`),
      py(`import shutil
async def upload(file: UploadFile):
    with open("/uploads/" + file.filename, "wb") as out:
        shutil.copyfileobj(file.file, out)
`),
    ],
    negative: [
      { ...py(`from werkzeug.utils import secure_filename
@app.route('/upload', methods=['POST'])
def upload():
    f = request.files['file']
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return open(os.path.join(UPLOADS, secure_filename(f.filename))).read()
`), reason: 'secure_filename strips directories' },
      { ...py(`@app.route('/files/<name>')
def get(name):
    full = os.path.realpath(os.path.join(ROOT, name))
    if os.path.commonpath([full, ROOT]) != ROOT:
        abort(404)
    return send_file(full)
`), reason: 'realpath then commonpath containment check' },
      { ...py(`@app.route('/files/<name>')
def get(name):
    target = (BASE / name).resolve()
    if not target.is_relative_to(BASE):
        abort(403)
    return target.read_text()
`), reason: 'resolve then is_relative_to check' },
      { ...py(`@app.route('/static/<path:name>')
def static_file(name):
    return send_from_directory(STATIC_DIR, name)
`), reason: 'send_from_directory joins the file name safely' },
      { ...py(`def report(request):
    # open(request.GET['path']) would be a bug
    with open(os.path.join(REPORTS, 'summary.txt')) as fh:
        return HttpResponse(fh.read() + request.GET.get('q', ''))
`), reason: 'constant path; the request text is only in a comment and the response body' },
      { ...py(`ALLOWED = {'a.txt', 'b.txt'}
@app.route('/doc')
def doc():
    name = request.args['name']
    if name not in ALLOWED:
        abort(404)
    return open(os.path.join(DOCS, name)).read()
`), reason: 'allowlist membership check' },
      { ...py(`def test_download(client):
    name = request.args['file']
    open(os.path.join(FIXTURES, name))
`, 'tests/test_download.py'), reason: 'test code does not serve requests' },
    ],
  },
  'zip-slip': {
    positive: [
      py(`import zipfile, os
def extract(archive, dest):
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            with open(os.path.join(dest, name), 'wb') as out:
                out.write(zf.read(name))
`, 'tools/unpack.py'),
      py(`import tarfile, os, shutil
def unpack(path, dest):
    tar = tarfile.open(path)
    for member in tar.getmembers():
        target = os.path.join(dest, member.name)
        shutil.copyfileobj(tar.extractfile(member), open(target, 'wb'))
`, 'tools/untar.py'),
    ],
    negative: [
      { ...py(`def extract(zf, dest):
    for name in zf.namelist():
        target = os.path.realpath(os.path.join(dest, name))
        if not target.startswith(os.path.realpath(dest) + os.sep):
            continue
        open(target, 'wb').write(zf.read(name))
`, 'tools/unpack.py'), reason: 'realpath then prefix check against the destination' },
    ],
  },
  'cli-argument': {
    positive: [py(`import sys
with open(sys.argv[1]) as fh:
    print(fh.read())
`, 'scripts/cat.py')],
    negative: [{ ...py(`import sys
verbose = '-v' in sys.argv
with open('settings.ini') as fh:
    print(fh.read())
`, 'scripts/show.py'), reason: 'argv only selects a flag' }],
  },
};
