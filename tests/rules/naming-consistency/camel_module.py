"""A Twisted-style module whose own convention is camelCase; snake_case is the exception here."""


def parseHeaders(rawHeaders):
    parsedHeaders = {}
    for headerLine in rawHeaders:
        headerName, headerValue = headerLine.split(":", 1)
        parsedHeaders[headerName] = headerValue
    return parsedHeaders


def buildRequest(requestPath, requestHeaders):
    requestLine = "GET %s" % requestPath
    return requestLine, requestHeaders


def sendRequest(targetHost, requestBody):
    bytesSent = targetHost.write(requestBody)
    return bytesSent


def parse_xml_doc(documentText):
    rootNode = documentText.strip()
    return rootNode


def closeConnection(targetHost):
    closeReason = targetHost.close()
    return closeReason
