"""What staff use the models for: an IT-editable taxonomy of use cases and a cheap classifier of requests."""

from gateway.usecase.classify import Category, Taxonomy, message_text
from gateway.usecase.loader import default_taxonomy_path, load_taxonomy
from gateway.usecase.request_lines import fold
from gateway.usecase.schema import BACKGROUND
from gateway.usecase.store import TaxonomyStore

__all__ = [
    "BACKGROUND",
    "Category",
    "Taxonomy",
    "TaxonomyStore",
    "default_taxonomy_path",
    "fold",
    "load_taxonomy",
    "message_text",
]
