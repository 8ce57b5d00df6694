# CRLF and CR line ends; several changes in one notification apply in order.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "test:///crlf.py", "languageId": "python", "version": 1, "text": "def ok():\r\n    return (1,\r\n\r\nx = 1\r\n"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///crlf.py", "version": 2}, "contentChanges": [{"range": {"start": {"line": 1, "character": 14}, "end": {"line": 1, "character": 14}}, "text": " 2)"}]}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///crlf.py", "version": 3}, "contentChanges": [{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 5}}, "text": "y = ("}]}}
---
{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "test:///crlf.py", "version": 4}, "contentChanges": [{"range": {"start": {"line": 3, "character": 4}, "end": {"line": 3, "character": 5}}, "text": "[]"}, {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "import os\r"}]}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
