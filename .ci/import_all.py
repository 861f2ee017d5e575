"""Import every module under timeline/, so a runtime dependency missing from the lock fails CI.

Run with the venv that holds requirements.txt alone: a module that imports a development-only or
unlocked package then raises ImportError here instead of in production.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

import timeline  # noqa: E402

names = ["timeline"] + [
    info.name for info in pkgutil.walk_packages(timeline.__path__, prefix="timeline.")
]
for name in names:
    importlib.import_module(name)
# Imported lazily inside functions, so named here: HTML extraction needs lxml.html.clean.
for name in ("trafilatura", "htmldate", "lxml.html.clean", "redis"):
    importlib.import_module(name)
print(f"Imported {len(names)} modules of timeline/ and the lazily imported libraries.")
