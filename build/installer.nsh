; Included by electron-builder's NSIS installer (electron-builder.yml, nsis.include).
; Registers Paraaf under "Openen met" for .docx files without making it the
; default program for Word files: only OpenWithProgids is written, never the
; default value of .docx.
!macro customInstall
  WriteRegStr SHCTX "Software\Classes\Paraaf.docx" "" "Word-document (Paraaf)"
  WriteRegStr SHCTX "Software\Classes\Paraaf.docx\DefaultIcon" "" "$INSTDIR\Paraaf.exe,0"
  WriteRegStr SHCTX "Software\Classes\Paraaf.docx\shell\open\command" "" '"$INSTDIR\Paraaf.exe" "%1"'
  WriteRegStr SHCTX "Software\Classes\.docx\OpenWithProgids" "Paraaf.docx" ""
  WriteRegStr SHCTX "Software\Classes\Applications\Paraaf.exe\SupportedTypes" ".docx" ""
!macroend

!macro customUnInstall
  DeleteRegValue SHCTX "Software\Classes\.docx\OpenWithProgids" "Paraaf.docx"
  DeleteRegKey SHCTX "Software\Classes\Paraaf.docx"
  DeleteRegKey SHCTX "Software\Classes\Applications\Paraaf.exe"
!macroend
