"""Sample announcements shipped with oregraph for the demo and the tests.

They are illustrative texts written for this project (see README.md beside
them), stating public facts about real companies in our own words.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["samples_dir", "sample_files"]


def samples_dir() -> Path:
    return Path(__file__).parent


def sample_files() -> list[Path]:
    return sorted(samples_dir().glob("*.txt"))
