"""
Shared fixtures and the Hypothesis settings profiles.

``HYPOTHESIS_PROFILE=thorough`` runs many more examples per property.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from hypothesis import HealthCheck, settings

from hcc_report import Report
from hcc_report.examples import binh_thuan_2023_02


settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("default"),
    max_examples=2000,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seed() -> Report:
    """
    The built-in example: Bình Thuận's report for February 2023.
    """
    return binh_thuan_2023_02()


@pytest.fixture(scope="session")
def times():
    """
    Skip unless fontconfig gives Times New Roman or Liberation Serif for
    the page's "Times New Roman".
    """
    fc_match = shutil.which("fc-match")
    family = ""
    if fc_match is not None:
        family = subprocess.run(
            [fc_match, "-f", "%{family}", "Times New Roman"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    if not {"Times New Roman", "Liberation Serif"} & set(family.split(",")):
        pytest.skip(
            "needs Times New Roman or Liberation Serif (Debian: "
            f"fonts-liberation2) and fc-match; fontconfig gives {family!r}"
        )
