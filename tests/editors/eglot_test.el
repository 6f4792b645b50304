;;; eglot_test.el --- copydesk through Emacs eglot, headless  -*- lexical-binding: t -*-
;;
;; Optional (run by .ci/editors.sh only when Emacs with eglot is installed):
;;   emacs --batch -l tests/editors/eglot_test.el
;; Environment: COPYDESK_BIN (default <repo>/target/debug/copydesk).
;; Checks the Emacs set-up documented in editors/README.md: the ATT006
;; diagnostic lands on the unclosed quotation mark of the example article.

(require 'eglot)
(require 'markdown-mode)
(require 'flymake)

(defvar copydesk-test-repo
  (expand-file-name "../.." (file-name-directory (or load-file-name buffer-file-name))))
(defvar copydesk-test-bin
  (expand-file-name (or (getenv "COPYDESK_BIN") "target/debug/copydesk") copydesk-test-repo))

(defun copydesk-test-fail (fmt &rest args)
  (princ (format "eglot: FAIL %s\n" (apply #'format fmt args)))
  (kill-emacs 1))

;; The README configuration, with the binary under test.
(add-to-list 'eglot-server-programs
             `(((markdown-mode :language-id "markdown")
                (gfm-mode :language-id "markdown")
                (text-mode :language-id "plaintext"))
               . (,copydesk-test-bin "lsp")))

(let ((article (expand-file-name "tests/editors/article.md" copydesk-test-repo)))
  (find-file article)
  (unless (derived-mode-p 'markdown-mode)
    (copydesk-test-fail "%s opened in %s, not markdown-mode" article major-mode))
  (apply #'eglot (eglot--guess-contact))
  (let ((deadline (+ (float-time) 15))
        diags)
    (while (and (null diags) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (setq diags (flymake-diagnostics)))
    (unless diags
      (copydesk-test-fail "no diagnostics within 15 s"))
    (let* ((want (save-excursion
                   (goto-char (point-min))
                   (search-forward "“The delays were avoidable")
                   (match-beginning 0)))
           (hit (seq-find (lambda (d) (string-match-p "never closed" (flymake-diagnostic-text d))) diags)))
      (unless hit
        (copydesk-test-fail "no ATT006 among %S" (mapcar #'flymake-diagnostic-text diags)))
      (unless (and (= (flymake-diagnostic-beg hit) want) (= (flymake-diagnostic-end hit) (1+ want)))
        (copydesk-test-fail "ATT006 at %d-%d, want %d-%d"
                            (flymake-diagnostic-beg hit) (flymake-diagnostic-end hit) want (1+ want)))
      (princ (format "eglot: ok   %d diagnostic(s); ATT006 at char %d: %s\n"
                     (length diags) want (flymake-diagnostic-text hit)))))
  (eglot-shutdown (eglot-current-server))
  (kill-emacs 0))
