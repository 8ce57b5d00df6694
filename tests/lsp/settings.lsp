# Settings pushed with didChangeConfiguration re-analyse open documents; bad settings are reported, the rest applies.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": {"select": ["syntax", "RV253"]}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///s.py", "languageId": "python", "version": 1, "text": "def f(:\n    pass\n"}}}
---
{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"reviewls": {"select": ["syntax"]}}}}
---
{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"reviewls": {"select": ["syntax"], "ignore": ["RV002"]}}}}
---
{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"reviewls": {"select": ["syntax"], "max-parameters": "six", "no-such-setting": 1}}}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
