# Edits to unknown documents, ranges past the end, versions going backwards, NUL bytes, wrong types: logged, never fatal.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///nope.py", "version": 1}, "contentChanges": [{"text": "x"}]}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///b.py", "languageId": "python", "version": 1, "text": "a = 1\n"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///b.py", "version": 2}, "contentChanges": [{"range": {"start": {"line": 40, "character": 3}, "end": {"line": 99, "character": 0}}, "text": "b = (\n"}]}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///b.py", "version": 1}, "contentChanges": [{"range": {"start": {"line": 0, "character": 999}, "end": {"line": 0, "character": 999}}, "text": " # tail"}]}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///b.py", "version": 3}, "contentChanges": [{"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "zz"}]}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///b.py", "version": 4}, "contentChanges": [{"text": "nul = '\u0000' + (\n"}]}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": "not an object"}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": [1, 2]}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
