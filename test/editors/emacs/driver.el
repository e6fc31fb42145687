;;; The script of test/editors/emacs.test.ts: Emacs in batch mode with nothing but eglot and the
;;; README's configuration (editors/emacs/libvirt-xml.el) opens a domain with mistakes and a
;;; network, waits for what the server says, asks for completion and hover, and writes it all to
;;; a JSON file.  Environment: LIBVIRT_XML_CONFIG (the configuration to load), LIBVIRT_XML_RESULT
;;; (where the JSON goes), LIBVIRT_XML_COMPLETION_AT and LIBVIRT_XML_HOVER_AT (line,character,
;;; 0-based).  Run in the directory holding web01.xml and default.xml.
(require 'cl-lib)
(require 'json)
(require 'eglot)
(require 'flymake)
(load (getenv "LIBVIRT_XML_CONFIG") nil t)
;; A host the pins are checked against: its CPUs show in a finding, so the settings are seen to arrive.
(setq-default eglot-workspace-configuration '(:libvirtXml (:host (:cpus "0-63" :numaNodes "0"))))

(defvar libvirt-xml-test-result nil)

(defun libvirt-xml-test-put (key value)
  (setq libvirt-xml-test-result (append libvirt-xml-test-result (list (cons key value)))))

(defun libvirt-xml-test-wait (what predicate)
  (let ((deadline (+ (float-time) 20)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall predicate) (error "Timed out waiting for %s" what))))

(defun libvirt-xml-test-goto (variable)
  (let ((at (split-string (getenv variable) ",")))
    (goto-char (point-min))
    (forward-line (string-to-number (car at)))
    (forward-char (string-to-number (cadr at)))))

(defun libvirt-xml-test-request (method variable)
  (save-excursion
    (libvirt-xml-test-goto variable)
    (jsonrpc-request (eglot-current-server) method (eglot--TextDocumentPositionParams))))

(defun libvirt-xml-test-diagnostics ()
  (let ((sorted (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
    (vconcat
     (mapcar (lambda (d)
               (save-excursion
                 (goto-char (flymake-diagnostic-beg d))
                 (list (cons 'line (1- (line-number-at-pos)))
                       (cons 'col (current-column))
                       (cons 'length (- (flymake-diagnostic-end d) (flymake-diagnostic-beg d)))
                       (cons 'type (symbol-name (flymake-diagnostic-type d)))
                       (cons 'text (flymake-diagnostic-text d)))))
             sorted))))

(defun libvirt-xml-test-steps ()
  (libvirt-xml-test-put 'emacs emacs-version)
  (find-file (expand-file-name "web01.xml"))
  (libvirt-xml-test-put 'mode (symbol-name major-mode))
  ;; eglot-ensure connects after the command that opened the buffer: there is none in batch mode.
  (run-hooks 'post-command-hook)
  (libvirt-xml-test-wait "eglot" (lambda () (eglot-current-server)))
  ;; eglot offers workspace/configuration: the server asks for the settings as it starts, and may
  ;; publish once with this machine's CPUs before they come. Wait for the diagnostics that have them.
  (libvirt-xml-test-wait "the diagnostics with the settings' host (CPUs 0-63)"
                         (lambda () (cl-some (lambda (d) (string-match-p "CPUs 0-63" (flymake-diagnostic-text d)))
                                             (flymake-diagnostics))))
  (libvirt-xml-test-put 'diagnostics (libvirt-xml-test-diagnostics))
  (let ((items (libvirt-xml-test-request :textDocument/completion "LIBVIRT_XML_COMPLETION_AT")))
    (libvirt-xml-test-put 'completion (vconcat (mapcar (lambda (item) (plist-get item :label))
                                                       (if (vectorp items) items (plist-get items :items))))))
  (let ((hover (libvirt-xml-test-request :textDocument/hover "LIBVIRT_XML_HOVER_AT")))
    (libvirt-xml-test-put 'hover (plist-get (plist-get hover :contents) :value)))
  ;; A network in the same folder: nXML mode, and eglot leaves it alone.
  (find-file (expand-file-name "default.xml"))
  (run-hooks 'post-command-hook)
  (accept-process-output nil 0.5)
  (libvirt-xml-test-put 'network (list (cons 'mode (symbol-name major-mode))
                                       (cons 'managed (if (bound-and-true-p eglot--managed-mode) t :json-false)))))

(condition-case failure
    (libvirt-xml-test-steps)
  (error (libvirt-xml-test-put 'error (error-message-string failure))))
(with-temp-file (getenv "LIBVIRT_XML_RESULT")
  (insert (json-encode libvirt-xml-test-result)))
(kill-emacs 0)
