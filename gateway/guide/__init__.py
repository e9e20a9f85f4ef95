"""A guide for staff, generated from the active policy: what may be sent to which model, and what AI is good for."""

from gateway.guide.build import SITUATIONS, Guide, build, for_config
from gateway.guide.render import html, markdown

__all__ = ["SITUATIONS", "Guide", "build", "for_config", "html", "markdown"]
