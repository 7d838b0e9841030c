"""SIGKILL the sync process at random points: the kiosk always opens a whole catalogue."""

from __future__ import annotations

import pytest

from kiosk.devtools.sync_stress import run_stress


def test_killed_syncs_leave_a_valid_catalogue() -> None:
    report = run_stress(runs=6, seed=20261126)
    assert report.ok, report.summary()
    assert report.runs == 6
    assert report.outcomes["old"] + report.outcomes["new"] == 6


@pytest.mark.slow
def test_killed_syncs_leave_a_valid_catalogue_many_times() -> None:
    report = run_stress(runs=100)
    assert report.ok, report.summary()
