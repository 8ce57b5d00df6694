# The server asks workspace/configuration for section reviewls and applies the answer.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {"workspace": {"configuration": true}}}}
---
{"jsonrpc": "2.0", "method": "initialized", "params": {}}
---
{"jsonrpc": "2.0", "id": 1, "result": [{"select": ["RV001", "RV002"]}]}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///w.py", "languageId": "python", "version": 1, "text": "def f(:\n    pass\n"}}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
