"""Model zones: where a model runs, and so where the data sent to it ends up."""

from typing import Literal

Zone = Literal["onprem", "domestic", "overseas"]
ZONES: tuple[Zone, ...] = ("onprem", "domestic", "overseas")
