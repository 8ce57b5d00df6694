"""RSA and EC keys against weak-key-bits (default 2048; EC keys are judged at 224).

key_sizes.py runs with the defaults; key_sizes_configured.py is the same code under
key_sizes_configured.toml (weak-key-bits 3072).
"""
from cryptography.hazmat.primitives.asymmetric import ec, rsa


def signing_keys():
    """Three RSA keys and an EC key."""
    legacy = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    current = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    strong = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    curve = ec.generate_private_key(ec.SECP256R1())
    return legacy, current, strong, curve
