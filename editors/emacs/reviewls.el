;;; reviewls.el --- Python code review with the reviewls language server  -*- lexical-binding: t; -*-

;; SPDX-License-Identifier: MIT
;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools, python
;; URL: https://github.com/reviewls/reviewls

;;; Commentary:

;; Registers reviewls with eglot for `python-mode' and `python-ts-mode', forwards the
;; `reviewls-*' settings, and adds `reviewls-review' (the Markdown report in a buffer) and
;; `reviewls-fix-all'.  Eglot runs one server per buffer: to keep pyright or pylsp in eglot and
;; still get reviewls findings, turn on `reviewls-flymake-mode' instead, which runs
;; `reviewls check' as a flymake backend next to eglot's.  All review logic lives in reviewls.

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'flymake)
(require 'json)

(defgroup reviewls nil
  "Python code review with reviewls."
  :group 'tools
  :prefix "reviewls-")

(defun reviewls--set (symbol value)
  "Set SYMBOL to VALUE and send the settings to running reviewls servers."
  (set-default symbol value)
  (when (fboundp 'reviewls-update-settings)
    (reviewls-update-settings)))

(defcustom reviewls-program "reviewls"
  "The reviewls executable: a name on `exec-path' or a full path."
  :type 'string)

(defcustom reviewls-select nil
  "Only report these rules: codes (RV217), names (bare-except), categories or ALL.
Nil keeps the default (pyproject.toml or every rule)."
  :type '(repeat string) :set #'reviewls--set)

(defcustom reviewls-ignore nil
  "Never report these rules: codes, names or categories."
  :type '(repeat string) :set #'reviewls--set)

(defcustom reviewls-severity nil
  "Severity per rule code, name or category, e.g. ((\"bare-except\" . \"error\"))."
  :type '(alist :key-type (string :tag "Rule or category")
                :value-type (choice (const "error") (const "warning")
                                    (const "information") (const "hint")))
  :set #'reviewls--set)

(defcustom reviewls-exclude nil
  "Glob patterns of files that are never reviewed."
  :type '(repeat string) :set #'reviewls--set)

(defcustom reviewls-settings nil
  "Other reviewls settings by their kebab name, e.g. ((\"max-complexity\" . 15)).
See `reviewls rules' and protocol/settings.schema.json for every name.  A nil value
means false."
  :type '(alist :key-type (string :tag "Setting")
                :value-type (choice integer string boolean))
  :set #'reviewls--set)

(defun reviewls--vector (list)
  (and list (vconcat list)))

(defun reviewls--settings ()
  "The reviewls settings as a plist for JSON, or an empty object."
  (let (plist)
    (cl-flet ((add (key value) (setq plist (append plist (list (intern (concat ":" key)) value)))))
      (when reviewls-select (add "select" (reviewls--vector reviewls-select)))
      (when reviewls-ignore (add "ignore" (reviewls--vector reviewls-ignore)))
      (when reviewls-exclude (add "exclude" (reviewls--vector reviewls-exclude)))
      (when reviewls-severity
        (add "severity" (cl-loop for (k . v) in reviewls-severity
                                 append (list (intern (concat ":" k)) v))))
      (dolist (kv reviewls-settings)
        (add (car kv) (if (null (cdr kv)) :json-false (cdr kv)))))
    (or plist (make-hash-table))))

;;; Eglot

(defclass eglot-reviewls (eglot-lsp-server) ()
  :documentation "The reviewls language server.")

(defun reviewls-eglot-contact (&optional _interactive)
  "The eglot contact of reviewls; `reviewls-program' is read when the server starts."
  (list 'eglot-reviewls reviewls-program "serve"))

(defconst reviewls-eglot-modes
  '((python-mode :language-id "python") (python-ts-mode :language-id "python"))
  "The major modes whose buffers reviewls reviews, as an `eglot-server-programs' key.")

(cl-defmethod eglot-initialization-options ((_server eglot-reviewls))
  "The settings, so that the first analysis already uses them."
  (list :settings (list :reviewls (reviewls--settings))))

(cl-defmethod eglot-handle-request
  ((_server eglot-reviewls) (_method (eql workspace/configuration)) &key items)
  "Answer section \"reviewls\" from the `reviewls-*' options, nothing else."
  (apply #'vector
         (mapcar (lambda (item)
                   (if (equal (plist-get item :section) "reviewls") (reviewls--settings) nil))
                 items)))

(defun reviewls--did-change-configuration (orig server)
  "Send reviewls SERVER its own settings; call ORIG for every other server.
Eglot would send `eglot-workspace-configuration', which belongs to other servers."
  (if (cl-typep server 'eglot-reviewls)
      (jsonrpc-notify server :workspace/didChangeConfiguration
                      (list :settings (list :reviewls (reviewls--settings))))
    (funcall orig server)))

(advice-add 'eglot-signal-didChangeConfiguration :around #'reviewls--did-change-configuration)

(defun reviewls--servers ()
  (cl-loop for servers being the hash-values of eglot--servers-by-project
           append (cl-remove-if-not (lambda (s) (cl-typep s 'eglot-reviewls)) servers)))

(defun reviewls-update-settings ()
  "Send the `reviewls-*' settings to every running reviewls server."
  (interactive)
  (mapc #'eglot-signal-didChangeConfiguration (reviewls--servers)))

(defun reviewls--server ()
  (let ((server (eglot-current-server)))
    (unless (cl-typep server 'eglot-reviewls)
      (user-error "reviewls is not the eglot server of this buffer"))
    server))

(defun reviewls--markdown (result)
  "The Markdown text in RESULT: a string, or an object holding one."
  (cond ((stringp result) result)
        ((listp result)
         (cl-loop for key in '(:markdown :value :contents :text :review)
                  for v = (plist-get result key)
                  when (stringp v) return v))))

(defun reviewls-review ()
  "Show the reviewls review of this file (workspace/executeCommand reviewls.review).
Return the report buffer."
  (interactive)
  (let* ((server (reviewls--server))
         (uri (plist-get (eglot--TextDocumentIdentifier) :uri))
         (name (buffer-name))
         (text (reviewls--markdown
                (jsonrpc-request server :workspace/executeCommand
                                 (list :command "reviewls.review" :arguments (vector uri))))))
    (unless text
      (user-error "reviewls returned no review"))
    (let ((buffer (get-buffer-create (format "*reviewls review: %s*" name))))
      (with-current-buffer buffer
        (let ((inhibit-read-only t))
          (erase-buffer)
          (insert text)
          (goto-char (point-min)))
        (if (fboundp 'gfm-view-mode) (gfm-view-mode) (special-mode)))
      (display-buffer buffer)
      buffer)))

(defun reviewls-fix-all ()
  "Apply every automatic reviewls fix in this buffer (source.fixAll.reviewls)."
  (interactive)
  (reviewls--server)
  (eglot-code-actions (point-min) (point-max) "source.fixAll.reviewls" t))

(defcustom reviewls-register-with-eglot t
  "Whether loading reviewls makes it eglot's server for Python buffers.
Set it to nil before loading reviewls to keep another Python server in eglot (then use
`reviewls-flymake-mode')."
  :type 'boolean)

(when reviewls-register-with-eglot
  (add-to-list 'eglot-server-programs (cons reviewls-eglot-modes #'reviewls-eglot-contact)))

;;; Flymake without eglot: `reviewls check' on a copy of the buffer.

(defvar-local reviewls--flymake-proc nil)

(defun reviewls--config-for (file)
  (let ((dir (and file (locate-dominating-file file "pyproject.toml"))))
    (and dir (expand-file-name "pyproject.toml" dir))))

(defun reviewls--flymake-command (copy)
  (append (list reviewls-program "check" "--format" "json")
          (let ((config (reviewls--config-for buffer-file-name)))
            (and config (list "--config" config)))
          (cl-loop for r in reviewls-select append (list "--select" r))
          (cl-loop for r in reviewls-ignore append (list "--ignore" r))
          (list copy)))

(defun reviewls--pos (line column)
  "Buffer position of 1-based LINE and 1-based COLUMN (characters)."
  (save-excursion
    (goto-char (point-min))
    (forward-line (1- line))
    (min (line-end-position) (+ (point) (max 0 (1- column))))))

(defun reviewls-flymake (report-fn &rest _args)
  "Flymake backend running `reviewls check' and reporting through REPORT-FN."
  (unless (executable-find reviewls-program)
    (error "Cannot find %s" reviewls-program))
  (when (process-live-p reviewls--flymake-proc)
    (kill-process reviewls--flymake-proc))
  (let* ((source (current-buffer))
         (copy (make-temp-file "reviewls-" nil ".py"))
         (output (generate-new-buffer " *reviewls-flymake*")))
    (let ((coding-system-for-write 'utf-8-unix))
      (write-region nil nil copy nil 'silent))
    (setq reviewls--flymake-proc
          (make-process
           :name "reviewls-flymake" :noquery t :connection-type 'pipe
           :buffer output :stderr (get-buffer-create " *reviewls-flymake-stderr*")
           :command (reviewls--flymake-command copy)
           :sentinel
           (lambda (proc _event)
             (when (memq (process-status proc) '(exit signal))
               (unwind-protect
                   (when (and (buffer-live-p source)
                              (eq proc (buffer-local-value 'reviewls--flymake-proc source)))
                     (let ((findings (with-current-buffer output
                                       (goto-char (point-min))
                                       (ignore-errors (json-parse-buffer :object-type 'plist)))))
                       (if (not (vectorp findings))
                           (funcall report-fn :panic :explanation "reviewls check failed")
                         (with-current-buffer source
                           (funcall report-fn
                                    (cl-loop
                                     for f across findings
                                     for beg = (reviewls--pos (plist-get f :line) (plist-get f :column))
                                     for end = (reviewls--pos (or (plist-get f :end_line) (plist-get f :line))
                                                              (or (plist-get f :end_column) (1+ (plist-get f :column))))
                                     collect (flymake-make-diagnostic
                                              source beg (max end (1+ beg))
                                              (pcase (plist-get f :severity)
                                                ("error" :error) ("warning" :warning) (_ :note))
                                              (format "%s %s" (plist-get f :code) (plist-get f :message)))))))))
                 (delete-file copy)
                 (kill-buffer output))))))))

;;;###autoload
(define-minor-mode reviewls-flymake-mode
  "Report reviewls findings through flymake next to any eglot server (pyright, pylsp...)."
  :lighter nil
  (if reviewls-flymake-mode
      (progn (add-hook 'flymake-diagnostic-functions #'reviewls-flymake nil t)
             (flymake-mode 1))
    (remove-hook 'flymake-diagnostic-functions #'reviewls-flymake t)))

(provide 'reviewls)
;;; reviewls.el ends here
