# The background scan for a push client: work-done progress once the client created the token,
# every file of both folders published with its own folder's configuration (one/: exclude
# generated/, a baseline hiding legacy.py's findings; two/: security only), an open document
# winning over the disk and falling back to it when closed, a file changed on disk re-checked,
# and reviewls.review for a document and for the workspace.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "capabilities": {"window": {"workDoneProgress": true}, "textDocument": {"publishDiagnostics": {"relatedInformation": true}}}, "workspaceFolders": [{"uri": "file://${WORKSPACE}/one", "name": "one"}, {"uri": "file://${WORKSPACE}/two", "name": "two"}]}}
---
{"jsonrpc": "2.0", "method": "initialized", "params": {}}
---
# Nothing is analysed before the client answers window/workDoneProgress/create.
{"jsonrpc": "2.0", "id": 1, "result": null}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file://${WORKSPACE}/one/app.py", "languageId": "python", "version": 1, "text": "def fetch_rows(table):\n    return table\n"}}}
---
{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file://${WORKSPACE}/one/app.py"}}}
---
{"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": "file://${WORKSPACE}/one/pkg/util.py", "type": 2}]}}
---
{"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand", "params": {"command": "reviewls.review", "arguments": ["file://${WORKSPACE}/one/pkg/util.py"]}}
---
# The workspace review: every file, open ones with their editor text (this one has none).
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file://${WORKSPACE}/two/tool.py", "languageId": "python", "version": 3, "text": "def restore(blob):\n    return blob\n"}}}
---
{"jsonrpc": "2.0", "id": 3, "method": "workspace/executeCommand", "params": {"command": "reviewls.review"}}
---
{"jsonrpc": "2.0", "id": 4, "method": "workspace/executeCommand", "params": {"command": "reviewls.explode", "arguments": []}}
---
{"jsonrpc": "2.0", "id": 5, "method": "workspace/executeCommand", "params": {"command": "reviewls.review", "arguments": ["test:///not-open.py"]}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
