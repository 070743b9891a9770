"""Passphrase encryption of backup files, in chunks so a large media archive never has to fit
in memory.

The key comes from the passphrase by scrypt with a random salt. Each 1 MiB chunk is sealed
with AES-256-GCM under its own random nonce, and the chunk's index and whether it is the last
one are authenticated with it: a changed, reordered or cut-off file is refused, as is a wrong
passphrase.
"""

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"TLCB-AESGCM-1\n"
CHUNK = 1024 * 1024
SALT_BYTES = 16
NONCE_BYTES = 12


class DecryptionError(Exception):
    pass


def _key(passphrase, salt):
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def _header(index, last):
    return struct.pack(">Q?", index, last)


def encrypt_file(source, target, passphrase):
    salt = os.urandom(SALT_BYTES)
    cipher = AESGCM(_key(passphrase, salt))
    with open(source, "rb") as plain, open(target, "wb") as sealed:
        sealed.write(MAGIC + salt)
        index, chunk = 0, plain.read(CHUNK)
        while True:
            following = plain.read(CHUNK)
            last = not following
            nonce = os.urandom(NONCE_BYTES)
            data = cipher.encrypt(nonce, chunk, _header(index, last))
            sealed.write(struct.pack(">I", len(data)) + nonce + data)
            if last:
                return
            index, chunk = index + 1, following


def decrypt_file(source, target, passphrase):
    with open(source, "rb") as sealed, open(target, "wb") as plain:
        if sealed.read(len(MAGIC)) != MAGIC:
            raise DecryptionError("not an encrypted backup file")
        cipher = AESGCM(_key(passphrase, sealed.read(SALT_BYTES)))
        index = 0
        while size := sealed.read(4):
            (length,) = struct.unpack(">I", size)
            nonce, data = sealed.read(NONCE_BYTES), sealed.read(length)
            last = not sealed.peek(1)  # nothing after this chunk
            try:
                plain.write(cipher.decrypt(nonce, data, _header(index, last)))
            except InvalidTag as error:
                raise DecryptionError("wrong passphrase, or the file was changed") from error
            if last:
                return
            index += 1
        raise DecryptionError("the file is cut short")
