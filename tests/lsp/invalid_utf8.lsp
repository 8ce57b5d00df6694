# Raw invalid UTF-8 in a document: kept as the user's bytes, each counting one unit; the edit after them lands right.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"test:///u.py","languageId":"python","version":1,"text":"s = 'ÿÃ' ; t = (\n"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///u.py", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 16}, "end": {"line": 0, "character": 16}}, "text": ")"}]}}
---
{"jsonrpc":"2.0","id":2,"method":"shutdown"}
---
{"jsonrpc":"2.0","method":"exit"}
