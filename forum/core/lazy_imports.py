"""Modules that a web worker loads only when a request first uses them.

allauth's login stages and MFA views import ``allauth.mfa.webauthn.internal.auth`` when the URL
conf loads, and that module imports fido2 and, through it, cryptography: about 9 MiB resident
in every gunicorn worker, used only by the passkey pages and a passkey sign-in. Those importers
only keep a reference to the module (``from ...internal import auth``) and read its attributes
inside their functions, so the module can be created empty and executed at the first attribute
read (the standard library's ``importlib.util.LazyLoader``). Behaviour is unchanged: the first
passkey request pays the import instead of the worker's start.

A lazy module is executed by whichever thread first reads it, and Python 3.11's LazyLoader
has no lock: two threads reading it at once could see it half executed. gunicorn's sync
workers (the deploy units, ``make loadtest``, the cluster test) have one thread per process;
``runserver`` (``make run``, ``DEBUG=1``) serves each request in its own thread, so with
``DEBUG`` on nothing is deferred.
"""

import importlib.util
import sys

from django.conf import settings

DEFERRED = ("allauth.mfa.webauthn.internal.auth",)


def defer_import(name: str) -> None:
    """Register ``name`` in ``sys.modules`` as a module executed at its first attribute read."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, module)


def defer_heavy_imports() -> None:
    if settings.DEBUG:
        return
    for name in DEFERRED:
        defer_import(name)
