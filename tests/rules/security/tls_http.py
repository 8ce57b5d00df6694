import ssl

import httpx
import requests
from OpenSSL import SSL


def fetch(url):
    requests.get(url, verify=False, timeout=5)  # RV609
    requests.post(url, data={})  # RV612
    httpx.get(url, verify=False)  # RV609
    ctx = ssl._create_unverified_context()  # RV610
    ssl.SSLContext(ssl.PROTOCOL_TLSv1)  # RV611
    SSL.Context(method=SSL.SSLv3_METHOD)  # RV611
    return ctx


def connect(sock, version=ssl.PROTOCOL_SSLv3):  # RV611 default
    return ssl.wrap_socket(sock)  # RV611 information


def quiet(url):
    requests.get(url, timeout=10)
    requests.get(url, verify="/etc/ssl/ca.pem", timeout=10)
    ssl.create_default_context()
    ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
