# workspace/diagnostic for a pull client: one report per file of the folder (disk files with
# version null, open ones with theirs), unchanged reports for unchanged resultIds, the baseline
# of one/pyproject.toml hiding legacy.py's findings in the editor too, and workspace-scan off.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}}, "workspaceFolders": [{"uri": "file://${WORKSPACE}/one", "name": "one"}]}}
---
{"jsonrpc": "2.0", "method": "initialized", "params": {}}
---
{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file://${WORKSPACE}/one/legacy.py", "languageId": "python", "version": 7, "text": "def load(blob):\n    return eval(blob)\n\n\ndef save(value):\n    tmp = value\n    return tmp\n\n\ndef parse(text):\n    return eval(text)\n"}}}
---
{"jsonrpc": "2.0", "id": 2, "method": "workspace/diagnostic", "params": {"previousResultIds": []}}
---
{"jsonrpc": "2.0", "id": 3, "method": "workspace/diagnostic", "params": {"previousResultIds": [{"uri": "file://${WORKSPACE}/one/app.py", "value": "1"}, {"uri": "file://${WORKSPACE}/one/pkg/util.py", "value": "999"}]}}
---
{"jsonrpc": "2.0", "id": 4, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "file://${WORKSPACE}/one/legacy.py"}}}
---
{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"reviewls": {"workspace-scan": false}}}}
---
{"jsonrpc": "2.0", "id": 5, "method": "workspace/diagnostic", "params": {"previousResultIds": []}}
---
{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
---
{"jsonrpc": "2.0", "method": "exit"}
