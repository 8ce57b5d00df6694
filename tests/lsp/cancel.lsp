# A pull cancelled before the input drains gets -32800; cancelling finished or unknown ids does nothing.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {"textDocument": {"diagnostic": {}}}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///c.py", "languageId": "python", "version": 1, "text": "x = (\n"}}}
---
{"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "test:///c.py"}}}
+++
{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 2}}
---
{"jsonrpc": "2.0", "id": 3, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "test:///c.py"}}}
---
{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 3}}
---
{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": "never-sent"}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
