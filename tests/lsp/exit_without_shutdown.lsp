# exit without shutdown ends with status 1.
{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": {"select": ["syntax"]}}}
---
{"jsonrpc": "2.0", "method": "initialized", "params": {}}
---
{"jsonrpc": "2.0", "method": "exit"}
