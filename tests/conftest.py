"""
Shared fixtures and the Hypothesis settings profiles.

``HYPOTHESIS_PROFILE=thorough`` runs many more examples per property.
"""

from __future__ import annotations

import os

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
