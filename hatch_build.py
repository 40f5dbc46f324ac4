"""
A build hook: compile the message catalogues (``.po`` to ``.mo``) with
Babel into the package, for every target (sdist, wheel, editable).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[misc]
    """
    Write ``hcc_report.mo`` beside each ``hcc_report.po``.
    """

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002
        from babel.messages.mofile import write_mo  # noqa: PLC0415
        from babel.messages.pofile import read_po  # noqa: PLC0415

        folder = Path(self.root, "src", "hcc_report", "locale")
        for po in sorted(folder.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as source:
                catalog = read_po(source, abort_invalid=True)
            # A message without its translation would print in English.
            lacking = [
                message.id
                for message in catalog
                if message.id
                and (
                    message.fuzzy
                    or not message.string
                    or not all(message.string)
                )
            ]
            if lacking:
                msg = f"{po}: not translated: {lacking[:5]}"
                raise ValueError(msg)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as target:
                write_mo(target, catalog, use_fuzzy=False)
