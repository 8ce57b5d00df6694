# With docs-url set and codeDescriptionSupport, diagnostics link to the rule's page; without
# the setting they carry no codeDescription.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {"textDocument": {"publishDiagnostics": {"codeDescriptionSupport": true}}}, "initializationOptions": {"select": ["syntax"], "docs-url": "https://docs.example.org/reviewls/rules#{code}-{name}"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///d.py", "languageId": "python", "version": 1, "text": "x = (\n"}}}
---
{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"reviewls": {"select": ["syntax"]}}}}
---
{"jsonrpc": "2.0", "id": 2, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
