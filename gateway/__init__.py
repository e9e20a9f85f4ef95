"""Sekisho's gateway: the FastAPI app, the request pipeline, upstreams, policy, vault, audit and CLI."""

from gateway import offline

# First thing on import, so no library under the gateway can reach the internet on its own.
offline.apply()
