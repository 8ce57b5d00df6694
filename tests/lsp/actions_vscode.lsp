# VS Code-like client: resolveSupport for edit, dataSupport, disabledSupport, documentChanges,
# markdown hover. Actions come without edit; codeAction/resolve computes it; a stale version
# gets -32801. Then hover, prepareRename, rename (valid, keyword, collision).
{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-16"]},"workspace":{"workspaceEdit":{"documentChanges":true}},"textDocument":{"publishDiagnostics":{"dataSupport":true},"hover":{"contentFormat":["markdown","plaintext"]},"codeAction":{"dataSupport":true,"isPreferredSupport":true,"disabledSupport":true,"resolveSupport":{"properties":["edit"]},"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["","quickfix","refactor","source"]}}},"rename":{"prepareSupport":true}}},"initializationOptions":{"select":["naming-consistency","type-hints"]}}}
---
{"jsonrpc":"2.0","method":"initialized","params":{}}
---
{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"test:///m.py","languageId":"python","version":1,"text":"def fetchData(url):\n    return url\n\n\ndef get_user(name):\n    return name\n\n\ndef get_item(key):\n    return key\n\n\nx = fetchData(\"a\")\n"}}}
---
{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"test:///m.py"},"range":{"start":{"line":0,"character":6},"end":{"line":0,"character":6}},"context":{"diagnostics":[],"triggerKind":2}}}
---
{"jsonrpc":"2.0","id":3,"method":"codeAction/resolve","params":{"title":"Rename","kind":"quickfix","data":{"uri":"test:///m.py","version":1,"action":0,"rule":"RV101","start":4,"end":13}}}
---
{"jsonrpc":"2.0","id":4,"method":"codeAction/resolve","params":{"title":"Ignore","kind":"quickfix","data":{"uri":"test:///m.py","version":1,"action":2,"rule":"RV101","start":4,"end":13}}}
---
{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"test:///m.py"},"position":{"line":0,"character":5}}}
---
{"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"test:///m.py"},"position":{"line":1,"character":2}}}
---
{"jsonrpc":"2.0","id":7,"method":"textDocument/prepareRename","params":{"textDocument":{"uri":"test:///m.py"},"position":{"line":4,"character":14}}}
---
{"jsonrpc":"2.0","id":8,"method":"textDocument/prepareRename","params":{"textDocument":{"uri":"test:///m.py"},"position":{"line":1,"character":2}}}
---
{"jsonrpc":"2.0","id":9,"method":"textDocument/rename","params":{"textDocument":{"uri":"test:///m.py"},"position":{"line":4,"character":14},"newName":"user_name"}}
---
{"jsonrpc":"2.0","id":10,"method":"textDocument/rename","params":{"textDocument":{"uri":"test:///m.py"},"position":{"line":4,"character":14},"newName":"lambda"}}
---
{"jsonrpc":"2.0","id":11,"method":"textDocument/rename","params":{"textDocument":{"uri":"test:///m.py"},"position":{"line":0,"character":6},"newName":"get_user"}}
---
{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"test:///m.py","version":2},"contentChanges":[{"range":{"start":{"line":12,"character":0},"end":{"line":12,"character":0}},"text":"y = 1\n"}]}}
---
{"jsonrpc":"2.0","id":12,"method":"codeAction/resolve","params":{"title":"Rename","kind":"quickfix","data":{"uri":"test:///m.py","version":1,"action":0,"rule":"RV101","start":4,"end":13}}}
---
{"jsonrpc":"2.0","id":13,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"test:///m.py"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
---
{"jsonrpc":"2.0","id":14,"method":"shutdown"}
---
{"jsonrpc":"2.0","method":"exit"}
