import type { LanguageSamples } from './types';

const go = (text: string, path = 'server/files.go') => ({ text, path });

export const goSamples: LanguageSamples = {
  traversal: {
    positive: [
      go(`package server

import (
	"net/http"
	"os"
	"path/filepath"
)

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	data, err := os.ReadFile(filepath.Join("/srv/files", name))
	if err != nil {
		return
	}
	w.Write(data)
}
`),
      go(`package server

func serve(w http.ResponseWriter, r *http.Request) {
	vars := mux.Vars(r)
	http.ServeFile(w, r, "/var/www/"+vars["path"])
}
`),
      go(`package server

func upload(w http.ResponseWriter, r *http.Request) {
	_, header, _ := r.FormFile("f")
	out, _ := os.Create(filepath.Join(uploadDir, header.Filename))
	defer out.Close()
}
`),
    ],
    negative: [
      go(`package server

func download(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("file"))
	http.ServeFile(w, r, filepath.Join(root, name))
}
`),
      go(`package server

func download(w http.ResponseWriter, r *http.Request) {
	p := filepath.Join(root, r.FormValue("file"))
	if !strings.HasPrefix(p, root+string(os.PathSeparator)) {
		http.Error(w, "no", 403)
		return
	}
	http.ServeFile(w, r, p)
}
`),
      go(`package server

func download(w http.ResponseWriter, r *http.Request) {
	p := filepath.Clean("/" + r.URL.Query().Get("file"))
	data, _ := os.ReadFile(filepath.Join(root, p))
	w.Write(data)
}
`),
      go(`package server

// os.Open(r.URL.Query().Get("f")) would be unsafe; the file here is fixed.
func health(w http.ResponseWriter, r *http.Request) {
	data, _ := os.ReadFile("/etc/app/health.json")
	w.Write(data)
}
`),
      go(`package loader

type modelLoader struct{ Filename string }

func attach(dir string, m modelLoader) error {
	_, err := os.Stat(filepath.Join(dir, m.Filename))
	return err
}
`),
    ].map((sample, i) => ({ ...sample, reason: ['filepath.Base keeps the file name', 'joined (cleaned) path checked with HasPrefix', 'Clean of a rooted path cannot climb', 'constant path; request only in a comment', 'a Filename field of the program\'s own struct, in a file that takes no uploads'][i] })),
  },
  'zip-slip': {
    positive: [
      go(`package unzip

func Extract(zr *zip.Reader, dest string) error {
	for _, f := range zr.File {
		path := filepath.Join(dest, f.Name)
		out, err := os.Create(path)
		if err != nil {
			return err
		}
		out.Close()
	}
	return nil
}
`, 'unzip/extract.go'),
    ],
    negative: [
      {
        ...go(`package unzip

func Extract(zr *zip.Reader, dest string) error {
	for _, f := range zr.File {
		path := filepath.Join(dest, f.Name)
		if !strings.HasPrefix(path, filepath.Clean(dest)+string(os.PathSeparator)) {
			return fmt.Errorf("illegal path %s", f.Name)
		}
		out, _ := os.Create(path)
		out.Close()
	}
	return nil
}
`, 'unzip/extract.go'),
        reason: 'the canonical zip-slip guard: joined path checked against the destination',
      },
    ],
  },
  'cli-argument': {
    positive: [go(`package main

func main() {
	data, _ := os.ReadFile(os.Args[1])
	fmt.Println(string(data))
}
`, 'cmd/cat/main.go')],
    negative: [{ ...go(`package main

func main() {
	if len(os.Args) > 1 {
		fmt.Println("usage")
	}
	data, _ := os.ReadFile("config.yaml")
	fmt.Println(string(data))
}
`, 'cmd/tool/main.go'), reason: 'os.Args is only counted' }],
  },
};
