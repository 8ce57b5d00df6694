# A request that analyses a document on demand (hover right after an edit, as eglot's eldoc
# does) must not swallow the publication of that version's diagnostics.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///r.py", "languageId": "python", "version": 1, "text": "x = (\n"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///r.py", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 5}}, "text": ")"}]}}
+++
{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "test:///r.py"}, "position": {"line": 0, "character": 0}}}
---
{"jsonrpc": "2.0", "id": 3, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
