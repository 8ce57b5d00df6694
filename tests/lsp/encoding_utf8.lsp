# utf-8 offered: the server chooses it; columns count bytes.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16", "utf-8"]}}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///enc.py", "languageId": "python", "version": 1, "text": "s = \"é€😀\"; t = (\nu = 1\n"}}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
