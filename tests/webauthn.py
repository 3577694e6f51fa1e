"""A software passkey for the Django test client: what a phone or a security key does.

It answers allauth's WebAuthn options (``js_data`` on the add and reauthenticate pages,
the JSON of the passkey login) with a real P-256 key pair and "none" attestation, so the
server side (fido2's checks of challenge, origin, RP ID, signature) runs for real.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

ORIGIN = "http://localhost:8000"
RP_ID = "localhost"
FLAGS = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV


def _challenge(options: dict[str, Any]) -> bytes:
    return websafe_decode(options["publicKey"]["challenge"])


@dataclass
class SoftPasskey:
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    credential_id: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    user_handle: bytes = b""
    counter: int = 0

    def create(self, creation_options: dict[str, Any], *, origin: str = ORIGIN) -> str:
        """The JSON a browser posts after ``navigator.credentials.create``."""
        public_key = creation_options["publicKey"]
        self.user_handle = websafe_decode(public_key["user"]["id"])
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=_challenge(creation_options), origin=origin
        )
        credential = AttestedCredentialData.create(
            b"\0" * 16, self.credential_id, ES256.from_cryptography_key(self.key.public_key())
        )
        auth_data = AuthenticatorData.create(
            hashlib.sha256(public_key["rp"]["id"].encode()).digest(),
            FLAGS | AuthenticatorData.FLAG.AT,
            self.counter,
            credential,
        )
        attestation = AttestationObject.create("none", auth_data, {})
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(bytes(client_data)),
                    "attestationObject": websafe_encode(bytes(attestation)),
                },
                "clientExtensionResults": {"credProps": {"rk": True}},
            }
        )

    def get(self, request_options: dict[str, Any], *, origin: str = ORIGIN) -> str:
        """The JSON a browser posts after ``navigator.credentials.get``."""
        self.counter += 1
        rp_id = request_options["publicKey"].get("rpId", RP_ID)
        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=_challenge(request_options), origin=origin
        )
        auth_data = AuthenticatorData.create(
            hashlib.sha256(rp_id.encode()).digest(), FLAGS, self.counter
        )
        signature = self.key.sign(bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256()))
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(bytes(client_data)),
                    "authenticatorData": websafe_encode(bytes(auth_data)),
                    "signature": websafe_encode(signature),
                    "userHandle": websafe_encode(self.user_handle),
                },
                "clientExtensionResults": {},
            }
        )
