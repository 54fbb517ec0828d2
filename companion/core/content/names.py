"""Where the content lives and what its ids look like.

Kept apart from the parsers so that naming a content folder (the content index
does at every start) never imports the YAML reader.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import companion

__all__ = ["ID_PATTERN", "content_root", "user_content_dir"]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Ids are lower-case words joined by ``-`` (kebab case)."""


def content_root() -> Path:
    """The built-in content: the wheel's packaged copy if present, else the repo's ``content/``."""
    package = Path(companion.__file__).resolve().parent
    packaged = package / "_content"
    return packaged if packaged.is_dir() else package.parent / "content"


def user_content_dir() -> Path:
    """Where the user's own articles and routines live (``COMPANION_CONFIG_DIR`` wins)."""
    configured = os.environ.get("COMPANION_CONFIG_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # imported late: only needed when no directory is configured

    return platformdirs.user_config_path("companion")
