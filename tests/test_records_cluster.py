"""
Counting records on a cluster: Dask on a local cluster of two worker
processes (``nox -s dask``), and PySpark where Java is present (``nox -s
spark``); each against the plain Python count of the same records.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hypothesis import HealthCheck, given, settings

from hcc_report.records import Dossier, aggregate
from strategies import (
    RECORDS_PERIOD as PERIOD,
)
from strategies import (
    as_columns,
    polars_frame,
    record_lists,
)


# Dask ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """
    A real scheduler and two worker processes, as on a cluster.
    """
    if os.environ.get("HCC_REPORT_REQUIRE_DASK") != "1":
        pytest.importorskip("distributed")
        pytest.importorskip("dask.dataframe")
    from distributed import Client, LocalCluster  # noqa: PLC0415

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _parquet_dataset(records: list[Dossier], folder: Path) -> Path:
    """
    The records as a Parquet dataset partitioned by agency, as a
    provincial system might store them.
    """
    import dask.dataframe as dd  # noqa: PLC0415

    if folder.exists():
        shutil.rmtree(folder)
    pandas = polars_frame(records).to_pandas()
    dd.from_pandas(pandas, npartitions=3).to_parquet(
        folder, partition_on=["agency"], write_index=False
    )
    return folder


@pytest.mark.dask
@settings(
    max_examples=10,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(records=record_lists(max_size=60).filter(bool))
def test_dask_on_a_cluster_counts_as_plain_python(
    dask_client: Any, tmp_path: Path, records: list[Dossier]
) -> None:
    import dask.dataframe as dd  # noqa: PLC0415

    folder = _parquet_dataset(records, tmp_path / "dossiers")
    frame = dd.read_parquet(folder)
    # One partition a file at least: an agency's records are together.
    agencies = {record.agency for record in records}
    assert frame.npartitions >= len(agencies)
    for by in ("agency", ("agency", "level"), "online"):
        expected = aggregate(records, period=PERIOD, by=by)
        assert aggregate(frame, period=PERIOD, by=by) == expected
    # The workers did the counting.
    assert dask_client.run(os.getpid)


# PySpark ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if os.environ.get("HCC_REPORT_REQUIRE_SPARK") != "1":
        pytest.importorskip("pyspark")
        if shutil.which("java") is None:
            pytest.skip("PySpark needs Java")
    from pyspark.sql import SparkSession  # noqa: PLC0415

    session = (
        SparkSession.builder.master("local[2]")
        .appName("hcc-report tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # Local times, as records hold them (Spark's default is instants).
        .config("spark.sql.timestampType", "TIMESTAMP_NTZ")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.mark.spark
@settings(
    max_examples=8,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(records=record_lists(max_size=40).filter(bool))
def test_pyspark_counts_as_plain_python(
    spark: Any, records: list[Dossier]
) -> None:
    from pyspark.sql import types  # noqa: PLC0415

    datetimes = isinstance(records[0].received, dt.datetime)
    time = types.TimestampNTZType() if datetimes else types.DateType()
    kinds = {"received": time, "due": time, "finished": time}
    kinds["online"] = types.BooleanType()
    columns = as_columns(records)
    schema = types.StructType(
        [
            types.StructField(name, kinds.get(name, types.StringType()))
            for name in columns
        ]
    )
    frame = spark.createDataFrame(
        list(zip(*columns.values(), strict=True)), schema
    )
    for by in ("agency", ("agency", "level")):
        expected = aggregate(records, period=PERIOD, by=by)
        assert aggregate(frame, period=PERIOD, by=by) == expected
