#!/usr/bin/env python3
"""A second, independent implementation of signed Claude plugin folders (docs/ARCHITECTURE.md §2.6),
written from the document alone, for interoperability tests.

  folder-interop.py sign FOLDER PUBLISHER NAME VERSION SEED_HEX   write .claude-plugin/warden-signature.json
  folder-interop.py check FOLDER PUBLIC_B64                       exit 0 when the folder matches its signature

Needs Python 3 with the `cryptography` package."""
import base64, hashlib, json, os, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives import serialization

SIGNATURE = ".claude-plugin/warden-signature.json"


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def listing(folder):
    files = []
    for root, dirs, names in os.walk(folder):
        if os.path.samefile(root, folder):
            dirs[:] = [d for d in dirs if d != ".git"]
        for n in names:
            full = os.path.join(root, n)
            rel = os.path.relpath(full, folder).replace(os.sep, "/")
            if rel in (SIGNATURE, ".git"):
                continue
            data = open(full, "rb").read()
            files.append({"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return sorted(files, key=lambda f: f["path"])


def payload(publisher, name, version, files):
    file_list = canonical({"files": files})
    return canonical({"type": "warden.folder/v1", "publisher": publisher, "name": name, "version": version,
                      "files": hashlib.sha256(file_list).hexdigest()})


def sign(folder, publisher, name, version, seed_hex):
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed_hex))
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    files = listing(folder)
    signature = key.sign(payload(publisher, name, version, files))
    document = {"type": "warden.folder-signature/v1", "publisher": publisher, "name": name, "version": version,
                "files": files, "signatures": [{"keyid": hashlib.sha256(public).hexdigest(), "alg": "ed25519",
                                                "sig": base64.b64encode(signature).decode()}]}
    os.makedirs(os.path.join(folder, ".claude-plugin"), exist_ok=True)
    with open(os.path.join(folder, SIGNATURE), "w") as f:
        json.dump(document, f)


def check(folder, public_b64):
    document = json.load(open(os.path.join(folder, SIGNATURE)))
    if document["type"] != "warden.folder-signature/v1":
        return "unknown type"
    if listing(folder) != document["files"]:
        return "the folder's files differ from the signed list"
    public = base64.b64decode(public_b64)
    message = payload(document["publisher"], document["name"], document["version"], document["files"])
    for s in document["signatures"]:
        if s["keyid"] == hashlib.sha256(public).hexdigest() and s["alg"] == "ed25519":
            try:
                Ed25519PublicKey.from_public_bytes(public).verify(base64.b64decode(s["sig"]), message)
                return None
            except Exception:
                return "the signature does not verify over the canonical payload"
    return "no signature by that key"


if __name__ == "__main__":
    a = sys.argv[1:]
    if len(a) == 6 and a[0] == "sign":
        sign(*a[1:])
    elif len(a) == 3 and a[0] == "check":
        problem = check(a[1], a[2])
        print(problem or "folder matches its signature")
        sys.exit(1 if problem else 0)
    else:
        print(__doc__)
        sys.exit(2)
