# utf-16 (no offer): surrogate pairs count two units; an edit after an emoji lands in the right place.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///enc.py", "languageId": "python", "version": 1, "text": "s = \"é€😀\"; t = (\nu = 1\n"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///enc.py", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 17}, "end": {"line": 0, "character": 17}}, "text": ")"}]}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
