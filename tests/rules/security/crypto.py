import hashlib
import random
from hashlib import md5

from cryptography.hazmat.primitives.asymmetric import dsa, rsa
from Crypto.PublicKey import RSA


def digests(data):
    a = hashlib.md5(data)  # RV613
    b = md5(data)  # RV613 through from-import
    c = hashlib.new("sha1", data)  # RV613
    d = hashlib.sha1(data, usedforsecurity=False)  # checksum: quiet
    e = hashlib.new("MD5", data, usedforsecurity=False)  # quiet
    f = hashlib.sha256(data)  # quiet
    return a, b, c, d, e, f


def keys():
    rsa.generate_private_key(public_exponent=65537, key_size=1024)  # RV614
    dsa.generate_private_key(key_size=512)  # RV614
    RSA.generate(1024)  # RV614
    rsa.generate_private_key(public_exponent=65537, key_size=4096)  # quiet


def make_token():
    return "".join(random.choice("abcdef") for _ in range(32))  # RV615


def secrets():
    reset_password = random.randint(0, 999999)  # RV615
    delay = random.uniform(0.1, 0.5)  # jitter: quiet
    sample = random.choice([1, 2, 3])  # quiet
    return reset_password, delay, sample
