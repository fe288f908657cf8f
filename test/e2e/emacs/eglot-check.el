;;; eglot-check.el --- Secure Hygiene in Emacs eglot, headless, checked by hand -*- lexical-binding: t -*-
;; Not part of `npm run test:e2e' (Emacs is not among the suite's Debian packages); run it after
;; `apt-get install emacs-nox elpa-eglot' (Debian 12: Emacs 28.2, eglot 1.9) from a git repository
;; holding a shell script with `curl -k' on its second line:
;;   SECURE_HYGIENE_SERVER=/path/to/dist/server.js SECURE_HYGIENE_FILE=health.sh \
;;     emacs --batch -Q -l test/e2e/emacs/eglot-check.el
;; It configures eglot with the README's form, prints the diagnostics, then runs "Ignore this
;; finding on this line (with reason)" and answers the server's question (window/showMessageRequest)
;; with "False positive", as a user picking them would, and prints the buffer.

(set-language-environment "UTF-8")
(dolist (dir (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]")) (add-to-list 'load-path dir))
(require 'eglot)
(require 'seq)
;; A batch Emacs cannot answer "Proceed? (y or n)" before the server's edit.
(setq eglot-confirm-server-initiated-edits nil)

;; The README's form, with the server's path from the environment.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `((sh-mode python-mode js-mode typescript-ts-mode go-mode)
                 . ("node" ,(getenv "SECURE_HYGIENE_SERVER") "--stdio"))))

(defun secure-hygiene-wait (predicate seconds)
  "Run the event loop until PREDICATE holds or SECONDS pass; return its value."
  (let ((deadline (+ (float-time) seconds)) (value nil))
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    value))

(find-file (getenv "SECURE_HYGIENE_FILE"))
(flymake-mode 1)
;; eglot-ensure waits for a command loop that batch mode does not run: connect directly.
(apply #'eglot (eglot--guess-contact))
(let ((diagnostics (secure-hygiene-wait #'flymake-diagnostics 30)))
  (unless diagnostics (message "FAIL: no diagnostics") (kill-emacs 1))
  (dolist (d diagnostics)
    (message "DIAGNOSTIC line %d: %s" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d))))

;; The user's picks: the action, then the reason the server asks for.
(advice-add 'completing-read :override
            (lambda (prompt collection &rest _)
              (let* ((titles (mapcar (lambda (c) (if (consp c) (car c) c)) collection))
                     (pick (or (seq-find (lambda (title) (string-match-p "on this line" title)) titles)
                               (seq-find (lambda (title) (string= "False positive" title)) titles))))
                (message "PROMPT %s -> %s" prompt pick)
                pick)))
(goto-char (point-min))
(forward-line 1)
;; As after a key press: eglot reads the action with completing-read, not a popup menu.
(setq last-nonmenu-event 13)
(eglot-code-actions (line-beginning-position) (line-end-position) nil t)
(unless (secure-hygiene-wait (lambda () (string-match-p "secure-hygiene-ignore" (buffer-string))) 20)
  (message "FAIL: no suppression comment") (kill-emacs 1))
(message "BUFFER:\n%s" (buffer-string))
(kill-emacs 0)
