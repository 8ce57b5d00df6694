# eglot-like client: literal kinds and isPreferred, but no resolveSupport and no dataSupport, so
# every action carries its edit (documentChanges); context diagnostics come back verbatim
# without data and are matched by code, line and message; fixAll applies the safe fixes.
{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"workspace":{"workspaceEdit":{"documentChanges":true}},"textDocument":{"publishDiagnostics":{"relatedInformation":false},"codeAction":{"isPreferredSupport":true,"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","refactor.extract","refactor.inline","refactor.rewrite","source","source.organizeImports"]}}}}},"initializationOptions":{"select":["type-hints"]}}}
---
{"jsonrpc":"2.0","method":"initialized","params":{}}
---
{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"test:///t.py","languageId":"python","version":0,"text":"def send(retries: int, delay=2):\n    return retries\n\n\ndef log(msg: str):\n    print(msg)\n\n\ndef stop(code: int):\n    print(code)\n\n\ndef run(task: str) -> str:\n    return task\n"}}}
---
{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"test:///t.py"},"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}},"context":{"diagnostics":[{"range":{"start":{"line":0,"character":23},"end":{"line":0,"character":28}},"severity":2,"code":"RV201","source":"reviewls","message":"`send` annotates 1 of 2 parameters; `delay` has no type"}]}}}
---
{"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"test:///t.py"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll.reviewls"]}}}
---
{"jsonrpc":"2.0","id":4,"method":"shutdown"}
---
{"jsonrpc":"2.0","method":"exit"}
