# Lifecycle misuse: requests before initialize, a second initialize, invalid messages, requests after shutdown.
{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "test:///a.py"}, "position": {"line": 0, "character": 0}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///early.py", "languageId": "python", "version": 1, "text": "x = (\n"}}}
---
{"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc": "2.0", "id": 3, "method": "initialize", "params": {"capabilities": {}}}
---
{"jsonrpc": "2.0", "method": "initialized", "params": {}}
---
{"jsonrpc": "2.0", "id": 4, "method": "workspace/unknownThing", "params": {}}
---
{"jsonrpc": "2.0", "method": "unknown/notification", "params": {}}
---
{"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "off"}}
---
{"id": 5, "method": "shutdown"}
---
{"jsonrpc": "2.0", "id": 6, "method": 42}
---
{"jsonrpc": "2.0", "id": {"nested": true}, "method": "shutdown"}
---
[1, 2, 3]
---
{"jsonrpc": "2.0", "id": 7, "method": "shutdown"
---
{"jsonrpc": "2.0", "id": 8, "method": "textDocument/diagnostic", "params": [1]}
---
{"jsonrpc": "2.0", "id": 9, "method": "textDocument/diagnostic", "params": {"textDocument": 3}}
---
{"jsonrpc": "2.0", "id": 10, "method": "shutdown"}
---
{"jsonrpc": "2.0", "id": 11, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "test:///a.py"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///late.py", "languageId": "python", "version": 1, "text": "x = (\n"}}}
---
{"jsonrpc": "2.0", "method": "exit"}
