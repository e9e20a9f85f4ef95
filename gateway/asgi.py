"""ASGI entry point for multi-worker serving: builds the app from $SEKISHO_CONFIG."""

import os

from gateway.app import create_app
from gateway.config import load_config

_config, _path = load_config(os.environ.get("SEKISHO_CONFIG"))
app = create_app(_config, _path)
