"""Closed networks: settings that stop bundled libraries from reaching the internet.

Municipal networks are closed. litellm fetches its model cost map at import and Hugging Face
tokenizers when counting tokens; presidio's email recogniser (through tldextract) fetches the
public-suffix list. These defaults make each use its bundled copy. An operator may still override
any of them in the environment.
"""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_OFFLINE_MODE": "true",
    "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS": "True",
    "HF_HUB_OFFLINE": "1",
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
}


def apply() -> None:
    """Set the offline defaults (before litellm, presidio or tldextract is imported)."""
    for name, value in OFFLINE_ENV.items():
        os.environ.setdefault(name, value)
