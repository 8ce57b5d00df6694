# With no rule selected nothing is analysed (no model is built) and empty diagnostics are published while typing; selecting rules again analyses the edited text afresh (a state kept from before the edits would shift stale findings).
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": {"select": []}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///n.py", "languageId": "python", "version": 1, "text": "def fetchData(x):\n    return 1\n"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///n.py", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "import os\n\n\n"}]}}
---
{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"reviewls": {"select": ["RV101", "RV301"]}}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///n.py", "version": 3}, "contentChanges": [{"range": {"start": {"line": 3, "character": 14}, "end": {"line": 3, "character": 15}}, "text": "v"}]}}
---
{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"reviewls": {"select": []}}}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
