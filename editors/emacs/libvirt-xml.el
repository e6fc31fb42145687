;;; libvirt domain XML in Emacs with eglot (built in since Emacs 29; on 28, the eglot package),
;;; using libvirt-xml-language-server. Add this to your init file. Domains get their own mode,
;;; libvirt-xml-mode (nXML mode otherwise), and eglot starts the server for it: files in libvirt's
;;; configuration directories, and any XML whose root element is <domain>, such as the
;;; $TMPDIR/virshXXXXXX.xml file `virsh edit' opens. Other XML stays in nXML mode, without it.
(define-derived-mode libvirt-xml-mode nxml-mode "libvirt-XML"
  "nXML mode for libvirt domain XML, checked by libvirt-xml-language-server through eglot.")

(defvar libvirt-xml-directories
  (list "/etc/libvirt/qemu/" "/etc/libvirt/lxc/" "/etc/libvirt/libxl/" "/etc/libvirt/ch/"
        "/etc/libvirt/bhyve/" (expand-file-name "~/.config/libvirt/qemu/"))
  "libvirt's configuration directories: their *.xml files are domains.")

(defun libvirt-xml-domain-p ()
  "Non-nil when this buffer is a libvirt domain."
  (or (and buffer-file-name
           (string-suffix-p ".xml" buffer-file-name)
           (member (file-name-directory buffer-file-name) libvirt-xml-directories))
      ;; Else the root element, after an XML declaration, comments and a DOCTYPE.
      (save-excursion
        (save-restriction
          (widen)
          (goto-char (point-min))
          (looking-at-p (concat "\\(?:[[:space:]]\\|<\\?[^?]*\\?>\\|<!--\\(?:[^-]\\|-[^-]\\)*-->"
                                "\\|<!DOCTYPE[^>]*>\\)*<domain[[:space:]/>]"))))))

(add-to-list 'magic-mode-alist '(libvirt-xml-domain-p . libvirt-xml-mode))
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '(libvirt-xml-mode . ("libvirt-xml-language-server" "--stdio"))))
(add-hook 'libvirt-xml-mode-hook #'eglot-ensure)

;; The libvirtXml settings, named as in VS Code, for example:
;; (setq-default eglot-workspace-configuration
;;               '(:libvirtXml (:language "zh" :host (:cpus "0-15" :numaNodes "0-1"))))
